"""axe-core in Chromium: no violations on any page type."""

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()

PAGES = [
    "/",
    "/?on=2025-01-01",
    "/regions/east-of-england/",
    "/regions/london/?on=2025-01-01",
    "/api/",
    "/systems/",
    "/systems/?region=atlantis&q=" + "x" * 120,
    "/systems/north-east-and-north-cumbria/",
    "/systems/frimley/",
    "/systems/somerset/",
    "/systems/west-yorkshire/",
    "/places/calderdale-cares-partnership/",
    "/places/north-east-hampshire-and-farnham/",
    "/collaboratives/lincolnshire-health-and-care-collaborative/",
    "/systems/central-east/",
    "/councils/east-suffolk/?on=2025-06-01",
    "/trusts/RTD/",
    "/councils/calderdale/",
    "/postcodes/SR13QD/",
    "/postcodes/GU511AA/?on=2025-06-01",
    "/postcodes/SR1/",
    "/postcodes/EH11YZ/",
    "/practices/A81001/",
    "/pcns/U89141/",
    "/initiatives/bnssg-vanguard/",
    "/search/?q=london",
    "/search/?q=x",
    "/who-commissions-what/",
    "/changes/",
    "/about/",
    "/suggest/system/north-east-and-north-cumbria/",
    "/suggest/council/sunderland/",
    "/systems/atlantis/",
    "/systems/?on=2025-02-30",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, site, path):
    page.goto(site + path)
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.problems == []
