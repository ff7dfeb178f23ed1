// Compile assets/site.scss and copy the NHS.UK frontend images into static/ (both git-ignored).
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const frontend = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");
const out = join(root, "static");

const { css } = sass.compile(join(root, "assets", "site.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync(join(out, "css"), { recursive: true });
writeFileSync(join(out, "css", "site.css"), css);
cpSync(join(frontend, "assets", "images"), join(out, "nhsuk", "assets", "images"), {
  recursive: true,
});
console.log(`Built static/css/site.css (${css.length} bytes) and the NHS.UK images.`);
