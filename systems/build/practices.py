"""GP practices and their primary care networks, from NHS England's practice mapping (§10)."""

from datetime import datetime

from sources.fixtures import require

FILE = "sources/gp-reg-pat-prac-map_2026-08.csv"
SOURCE = "nhse-gp-practice-mapping-2026-08"
FIXTURE = "04_practices.json"


def build(fixtures, data):
    """{FIXTURE: its text}: 7,400 records, kept apart from the rest of the directory."""
    build_practices(fixtures, data)
    return {FIXTURE: fixtures.dumps()}


def build_practices(fixtures, data):
    rows = sorted(data.csv(FILE), key=lambda row: row["PRACTICE_CODE"])
    networks = {}
    for row in rows:
        require(
            networks.setdefault(row["PCN_CODE"], row["PCN_NAME"]) == row["PCN_NAME"],
            f"{FILE}: the PCN {row['PCN_CODE']} has two names",
        )
    for code, name in sorted(networks.items()):
        fixtures.add("systems.primarycarenetwork", [SOURCE], ods_code=code, name=name)
    for row in rows:
        require(row["ICB_CODE"] in data.boards, f"{FILE}: no ICB has the code {row['ICB_CODE']}")
        fixtures.add(
            "systems.gppractice",
            [SOURCE],
            ods_code=row["PRACTICE_CODE"],
            name=row["PRACTICE_NAME"],
            postcode=row["PRACTICE_POSTCODE"],
            pcn=[row["PCN_CODE"]],
            sub_icb=[row["SUB_ICB_LOCATION_CODE"]],
            board=[row["ICB_CODE"]],
            mapped_on=datetime.strptime(row["EXTRACT_DATE"], "%d%b%Y").date(),
        )
