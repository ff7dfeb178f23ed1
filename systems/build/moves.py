"""What moved in each succession of 1 April 2026: sub-ICB locations, districts (by LSOA), and GP
practices, from the 2026 mapping and the ODS change summary."""

from collections import Counter

from .mergers import NEW_SUB_ICB


def what_moved(data, predecessor, successor):
    """A sentence or three for the link from `predecessor` to `successor` (ODS codes)."""
    names = data.district_names
    totals = data.lsoas_per_district
    moved = Counter(
        lsoa.district
        for lsoa in data.lsoas
        if lsoa.board == predecessor and data.board_2026[lsoa.code] == successor
    )
    sub_icbs = sorted(
        {
            lsoa.sub_icb
            for lsoa in data.lsoas
            if lsoa.board == predecessor
            and lsoa.code not in data.mergers.frimley
            and data.sub_icb_board_2026.get(lsoa.sub_icb) == successor
        }
    )
    parts = []
    if sub_icbs:
        count = sum(data.practices_by_sub_icb[code] for code in sub_icbs)
        parts.append(
            f"Sub-ICB location{'s' if len(sub_icbs) > 1 else ''} {', '.join(sub_icbs)}, "
            f"with {count} GP practices (August 2026 mapping)."
        )
    split = [  # NHS Frimley's LSOAs, which the ODS summary assigns one by one
        area
        for area in data.mergers.frimley.values()
        if predecessor == "QNQ" and data.board_2026[area.lsoa] == successor
    ]
    if split:
        known_2023 = {row["SICBL23CDH"] for row in data.sicbl_2023}
        new = [c for c, b in data.sub_icb_board_2026.items() if b == successor]
        new = [code for code in new if code not in known_2023]
        for sub_icb, lsoas in sorted(Counter(area.sub_icb for area in split).items()):
            target = f"sub-ICB location {sub_icb}"
            if sub_icb == NEW_SUB_ICB:
                target = f"the new sub-ICB location {', '.join(new) or '(code not given)'}"
            practices = data.mergers.practices_moved.get(sub_icb, 0)
            parts.append(
                f"{lsoas} LSOAs of sub-ICB location D4U1Y (closed) joined {target}, with "
                f"{practices} GP practices (ODS change summary)."
            )
    if moved:
        areas = []
        for district, count in sorted(moved.items(), key=lambda item: names[item[0]]):
            total = totals[district]
            share = f"all {total}" if count == total else f"{count} of its {total}"
            areas.append(f"{names[district]} ({share} LSOAs)")
        parts.append("Districts: " + "; ".join(areas) + ".")
    return " ".join(parts)
