"""How to reach each ICB and who leads it, as dated public pages reported it (curated table)."""

from sources.fixtures import require

TABLE = "curated/icb_contacts.csv"


def build_contacts(fixtures, data):
    for row in data.csv(TABLE):
        require(row["ods_code"] in data.boards, f"{TABLE}: no ICB has the code {row['ods_code']}")
        require(
            bool(row["reported_on"]) == bool(row["reported_precision"]),
            f"{TABLE}: {row['value']} needs a date and its precision, or neither",
        )
        fixtures.add(
            "systems.boardcontact",
            ["icb-contacts-2026"],
            board=[row["ods_code"]],
            kind=row["kind"],
            value=row["value"],
            qualifier=row["qualifier"],
            reported_on=row["reported_on"] or None,
            reported_precision=row["reported_precision"],
            source_url=row["source_url"],
            source_title=row["source_title"],
        )
