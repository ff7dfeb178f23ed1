"""The apps depend on each other one way only:
sources <- systems <- boards <- corrections <- directory <- api."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("sources", "systems", "boards", "corrections", "directory", "api", "icsdir")


def imported_apps(app):
    """The other first-party apps that the modules of `app` import."""
    found = set()
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & set(APPS)
    return found - {app}


def test_no_two_apps_import_each_other():
    graph = {app: imported_apps(app) for app in APPS}
    visiting, done = set(), set()

    def visit(app, path):
        assert app not in visiting, f"import cycle: {' -> '.join([*path, app])}"
        if app in done:
            return
        visiting.add(app)
        for other in sorted(graph[app]):
            visit(other, [*path, app])
        visiting.discard(app)
        done.add(app)

    for app in APPS:
        visit(app, [])


def test_the_domain_apps_know_nothing_of_the_public_site():
    for app in ("sources", "systems", "boards"):
        assert not imported_apps(app) & {"directory", "api"}, app


BUILD_ONLY = {"numpy", "shapely", "pyproj", "openpyxl"}  # the `build` dependency group


def test_the_site_imports_nothing_only_the_build_installs():
    """`make serve` installs the site's dependencies only: no module it runs may import the
    builders or their packages (the builders, the benchmark and the tests may)."""
    offending = []
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            parts = path.relative_to(settings.BASE_DIR).parts
            if "migrations" in parts or "build" in parts or "management" in parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] if node.level == 0 else [f".{node.module}"]
                else:
                    continue
                roots = {name.split(".")[0] for name in names}
                if roots & BUILD_ONLY or any(".build" in name for name in names):
                    offending.append(str(path.relative_to(settings.BASE_DIR)))
    assert offending == []
