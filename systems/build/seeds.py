"""Records taken from the seed documents through the curated tables in data/curated/."""

from .data import ESTABLISHED

NENC_ANNEX_NUMBER = 2  # North East and North Cumbria: its ICPs are in nenc_partnerships_2022.csv


def _flag(value):
    return value.strip().lower() == "true"


def _split(value):
    return [item for item in value.split(";") if item]


def build_partnerships(fixtures, data):
    """Every ICS has an ICP (seed 000). Only NENC's are named in a source (seed 002)."""
    nenc = data.system_slug_by_annex(NENC_ANNEX_NUMBER)
    for slug, name, board in data.systems:
        if slug == nenc:
            continue
        sources = ["briefing-2023"]
        if board.start_date != ESTABLISHED:
            sources.append("successions-2026")
        fixtures.add(
            "systems.integratedcarepartnership",
            sources,
            slug=f"{slug}-icp",
            name=f"Integrated care partnership of {name}",
            name_verified=False,
            system=[slug],
            level="system",
            start_date=board.start_date,
            end_date=board.end_date,
        )
    for row in data.csv("curated/nenc_partnerships_2022.csv"):
        fixtures.add(
            "systems.integratedcarepartnership",
            [row["source"]],
            slug=row["slug"],
            name=row["name"],
            name_verified=_flag(row["name_verified"]),
            system=[nenc],
            level=row["level"],
            parent=[row["parent"]] if row["parent"] else None,
            membership_note=row["membership_note"],
        )


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
