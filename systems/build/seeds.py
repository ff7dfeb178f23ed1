"""Records taken from the seed documents through the curated tables in data/curated/."""

from sources.fixtures import require

from . import local
from .data import ESTABLISHED

NENC_ANNEX_NUMBER = 2  # North East and North Cumbria: its ICPs are in nenc_partnerships_2022.csv


def _flag(value):
    return value.strip().lower() == "true"


def _split(value):
    return [item for item in value.split(";") if item]


def build_partnerships(fixtures, data, bodies):
    """Every ICS has an ICP (seed 000). NENC's are in seed 002; others are named by the pages
    of the curated table (`bodies`, local.reports), or else marked unnamed."""
    nenc = data.system_slug_by_annex(NENC_ANNEX_NUMBER)
    named = {slug: rows for slug, rows in bodies.items() if rows[0]["kind"] == "icp"}
    built = set()
    for slug, name, board in data.systems:
        if slug == nenc:
            continue
        sources = ["briefing-2023"]
        if board.start_date != ESTABLISHED:
            sources.append("successions-2026")
        icp = f"{slug}-icp"
        reports = named.get(icp)
        fields = {"name": f"Integrated care partnership of {name}", "name_verified": False}
        if reports:
            name, other_names = local.names(reports)
            fields = {"name": name, "also_known_as": other_names}
            sources.append(local.SOURCE)
        fixtures.add(
            "systems.integratedcarepartnership",
            sources,
            slug=icp,
            system=[slug],
            level="system",
            start_date=board.start_date,
            end_date=board.end_date,
            **fields,
        )
        built.add(icp)
    for row in data.csv("curated/nenc_partnerships_2022.csv"):
        reports = named.get(row["slug"], [])
        fixtures.add(
            "systems.integratedcarepartnership",
            [row["source"], *([local.SOURCE] if reports else [])],
            slug=row["slug"],
            name=row["name"],
            name_verified=_flag(row["name_verified"]),
            also_known_as="\n".join(dict.fromkeys(r["name"] for r in reports)),
            system=[nenc],
            level=row["level"],
            parent=[row["parent"]] if row["parent"] else None,
            membership_note=row["membership_note"],
        )
        built.add(row["slug"])
    for slug, reports in named.items():
        require(slug in built, f"{local.TABLE}: no ICP has the slug {slug}")
        local.add_reports(fixtures, reports, partnership=[slug])


def build_organisations_and_initiatives(fixtures, data):
    for row in data.csv("curated/organisations.csv"):
        number = row["system_annex_number"]
        fixtures.add(
            "systems.organisation",
            _split(row["source"]),
            slug=row["slug"],
            name=row["name"],
            name_verified=_flag(row["name_verified"]),
            kind=row["kind"],
            system=[data.system_slug_by_annex(number)] if number else None,
            council=[row["council"]] if row["council"] else None,
            also_known_as=row["also_known_as"],
            email=row["email"],
            description=row["description"],
        )
    for row in data.csv("curated/initiatives.csv"):
        fixtures.add(
            "systems.initiative",
            _split(row["source"]),
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            summary=row["summary"],
            parent=[row["parent"]] if row["parent"] else None,
            systems=[[data.system_slug_by_annex(n)] for n in _split(row["system_annex_numbers"])],
            region=[row["region_ods"]] if row["region_ods"] else None,
            organisations=[[slug] for slug in _split(row["organisations"])],
        )


def build_commissioning(fixtures, data):
    for row in data.csv("curated/commissioning.csv"):
        fixtures.add(
            "systems.commissionedservice",
            [row["source"]],
            slug=row["slug"],
            name=row["name"],
            commissioner=row["commissioner"],
            description=row["description"],
        )
