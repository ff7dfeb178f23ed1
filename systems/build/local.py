"""Places, provider collaboratives, ICP names and VCSE alliances, as public pages name them.

Each row of the curated table is one page's report of one body; rows sharing a slug are the same
body, its first row giving the name shown and the others its other names. A place or
collaborative of an ICS abolished in 2026 moves to the successor that took its area: the only
successor, or the one its councils (or, failing those, its trusts' headquarters) lay in on
1 April 2026. One whose area was split is left under its predecessor only.
"""

from collections import defaultdict

from sources.fixtures import make_slug, require

from .data import REORGANISED_2026

TABLE = "curated/local_partnerships.csv"
SOURCE = "local-partnerships-2026"
KINDS = ("place", "collaborative", "icp", "vcse_alliance")


def reports(data):
    """The table's rows grouped by body (slug), in table order."""
    bodies = defaultdict(list)
    for row in data.csv(TABLE):
        require(row["kind"] in KINDS, f"{TABLE}: {row['slug']} has an unknown kind {row['kind']}")
        require(
            bool(row["reported_on"]) == bool(row["reported_precision"]),
            f"{TABLE}: {row['name']} needs a date and its precision, or neither",
        )
        bodies[row["slug"]].append(row)
    for slug, rows in bodies.items():
        require(len({row["kind"] for row in rows}) == 1, f"{TABLE}: {slug} is given two kinds")
    return bodies


def names(rows):
    """The name shown (the first row's) and the other names the pages give, one a line."""
    others = dict.fromkeys(row["name"] for row in rows[1:] if row["name"] != rows[0]["name"])
    return rows[0]["name"], "\n".join(others)


def _split(value):
    return [item for item in value.split(";") if item]


def _union(rows, column):
    return list(dict.fromkeys(item for row in rows for item in _split(row[column])))


def add_reports(fixtures, rows, **body):
    """One Report per page and name (a page may list a body under two ICSs)."""
    seen = set()
    for row in rows:
        if (row["source_url"], row["name"]) in seen:
            continue
        seen.add((row["source_url"], row["name"]))
        fixtures.add(
            "systems.report",
            [SOURCE],
            name=row["name"],
            reported_on=row["reported_on"] or None,
            reported_precision=row["reported_precision"],
            source_url=row["source_url"],
            source_title=row["source_title"],
            **body,
        )


def _in_force(fixtures, model, key, when):
    """For dated links to ICBs: key value -> the ICB with the largest share on `when`."""
    best = {}
    for record in fixtures.records:
        if record["model"] != model:
            continue
        fields = record["fields"]
        start, end = fields["start_date"], fields["end_date"]
        if (start and start > when) or (end and end <= when):
            continue
        share = float(fields.get("share", 1))
        owner = fields[key][0]
        if owner not in best or share > best[owner][0]:
            best[owner] = (share, fields["board"][0])
    return {owner: board for owner, (_, board) in best.items()}


class Placement:
    """Which ICS a body belongs to over time, from the ICSs its pages put it in."""

    def __init__(self, fixtures, data):
        self.system_of = {board.ods_code: slug for slug, _, board in data.systems}
        self.data = data
        when = REORGANISED_2026.isoformat()
        self.council_board = _in_force(
            fixtures, "systems.localauthorityarea", "local_authority", when
        )
        self.trust_board = _in_force(fixtures, "systems.trustlocation", "trust", when)
        self.successors = defaultdict(set)
        for row in data.successions:
            self.successors[row["predecessor_ods"]].add(row["successor_ods"])

    def links(self, slug, ods_codes, councils, trusts):
        """(system slug, start, end) for each period of the body."""
        links = []
        for code in ods_codes:
            require(code in self.system_of, f"{TABLE}: {slug} names no ICB {code}")
            if self.data.board_end(code) is None:
                links.append((self.system_of[code], None, None))
                continue
            links.append((self.system_of[code], None, REORGANISED_2026))
            successor = self._successor(code, councils, trusts)
            if successor is not None:  # else its area was split and no source tells which part
                links.append((self.system_of[successor], REORGANISED_2026, None))
        return links

    def _successor(self, code, councils, trusts):
        successors = self.successors[code]
        if len(successors) == 1:
            return next(iter(successors))
        for members, board_of in ((councils, self.council_board), (trusts, self.trust_board)):
            boards = {board_of.get(member) for member in members}
            if len(boards) == 1 and boards <= successors:
                return boards.pop()
        return None


def _member_organisations(fixtures, rows, added):
    """Members that are neither trusts nor councils ('kind:Name'), as organisations."""
    slugs = []
    for member in _union(rows, "other_members"):
        kind, _, name = member.partition(":")
        slug = make_slug(name)
        if slug not in added:
            added.add(slug)
            fixtures.add("systems.organisation", [SOURCE], slug=slug, name=name, kind=kind)
        slugs.append([slug])
    return slugs


def build_local_partnerships(fixtures, data, bodies):
    """Places, collaboratives and VCSE alliances (ICPs are named in seeds.build_partnerships)."""
    placement = Placement(fixtures, data)
    councils_known = {
        r["fields"]["slug"] for r in fixtures.records if r["model"] == "systems.localauthority"
    }
    trusts_known = {
        r["fields"]["ods_code"] for r in fixtures.records if r["model"] == "systems.nhstrust"
    }
    members = set()
    for slug, rows in bodies.items():
        kind = rows[0]["kind"]
        name, other_names = names(rows)
        ods_codes = _union(rows, "ics")
        if kind == "vcse_alliance":
            require(len(ods_codes) == 1, f"{TABLE}: the alliance {slug} needs one ICS")
            fixtures.add(
                "systems.organisation",
                [SOURCE],
                slug=slug,
                name=name,
                also_known_as=other_names,
                kind="vcse_alliance",
                system=[placement.system_of[ods_codes[0]]],
            )
            add_reports(fixtures, rows, organisation=[slug])
        elif kind != "icp":
            councils, trusts = _union(rows, "councils"), _union(rows, "trusts")
            require(set(councils) <= councils_known, f"{TABLE}: {slug} names an unknown council")
            require(set(trusts) <= trusts_known, f"{TABLE}: {slug} names an unknown trust")
            others = _member_organisations(fixtures, rows, members)
            fixtures.add(
                "systems.localpartnership",
                [SOURCE],
                slug=slug,
                name=name,
                also_known_as=other_names,
                kind=kind,
                focus=rows[0]["focus"],
                other_members=others,
            )
            for system, start, end in placement.links(slug, ods_codes, councils, trusts):
                sources = [SOURCE] if start is None else [SOURCE, "successions-2026"]
                fixtures.add(
                    "systems.partnershipsystem",
                    sources,
                    partnership=[slug],
                    system=[system],
                    start_date=start,
                    end_date=end,
                )
            for council in councils:
                fixtures.add(
                    "systems.partnershipcouncil",
                    [SOURCE],
                    partnership=[slug],
                    local_authority=[council],
                )
            for trust in trusts:
                fixtures.add(
                    "systems.partnershiptrust", [SOURCE], partnership=[slug], trust=[trust]
                )
            add_reports(fixtures, rows, local_partnership=[slug])
