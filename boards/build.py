"""Build the boards app's fixture records: the people and board seats a source names."""

from sources.fixtures import make_slug

NENC_ICB = "QHM"


def build(fixtures, files):
    for row in files.csv("curated/nenc_board_2022.csv"):
        slug = make_slug(row["name"])
        fixtures.add("boards.person", [row["source"]], slug=slug, name=row["name"])
        fixtures.add(
            "boards.boardmembership",
            [row["source"]],
            board=[NENC_ICB],
            person=[slug],
            role=row["role"],
            title=row["title"],
            represents=row["represents"],
        )
