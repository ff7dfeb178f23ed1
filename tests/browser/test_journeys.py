"""The users' journeys in Chromium, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE

NHS_BLUE = "rgb(0, 94, 184)"


def test_the_design_system_stylesheet_applies(page, site):
    page.goto(site + "/")
    header = page.locator("header.nhsuk-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == NHS_BLUE
    font = page.locator("body").evaluate("el => getComputedStyle(el).fontFamily")
    assert font.lower().startswith("arial")
    assert not page.locator("svg.nhsuk-header__logo").count()  # not an NHS service: no logo
    expect(page.locator("footer")).to_contain_text("It is not an NHS service")
    assert page.problems == []


def test_a_voluntary_sector_worker_finds_who_to_contact_for_sunderland(page, site):
    page.goto(site + "/")
    page.get_by_label("Enter a postcode, a place or an organisation").fill("Sunderland")
    page.locator("main").get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Sunderland", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sunderland")
    expect(page.locator("main h2").first).to_have_text("Who to contact")
    contacts = page.locator("h2:has-text('Who to contact') + dl")
    expect(contacts).to_contain_text("NHS North East and North Cumbria Integrated Care Board")
    expect(contacts).to_contain_text("ICS Voluntary Sector Partnership")
    expect(contacts).to_contain_text("ICS HealthWatch Network")
    assert page.problems == []


def test_a_commissioner_follows_frimley_to_its_three_successors(page, site):
    page.goto(site + "/search/?q=NHS+Frimley")
    page.get_by_role("link", name="NHS Frimley").first.click()
    callout = page.locator(".nhsuk-warning-callout").first
    expect(callout).to_contain_text("Abolished on 1 April 2026")
    successors = callout.get_by_role("link")
    names = [successors.nth(i).inner_text() for i in range(3)]
    assert sorted(names) == [
        "NHS Hampshire and Isle of Wight",
        "NHS Surrey and Sussex",
        "NHS Thames Valley",
    ]
    for name in names:
        page.goto(site + "/systems/frimley/")
        page.locator(".nhsuk-warning-callout").first.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        expect(page.locator(".nhsuk-inset-text")).to_contain_text("NHS Frimley")


@pytest.mark.parametrize(("on", "count"), [("2025-01-01", 5), ("", 4)])
def test_filtering_london_by_date(page, site, on, count):
    page.goto(site + "/systems/")
    page.get_by_label("Region").select_option(label="London")
    if on:
        page.get_by_label("In force on").fill(on)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text(f"{count} integrated care systems")
    assert page.locator("tbody tr").count() == count
    assert "region=london" in page.url


def test_a_search_for_a_former_name_lands_on_the_right_body(page, site):
    page.goto(site + "/")
    page.locator("#search-field").fill("NHS North West London ICB - W2U3Z")
    page.locator("#search-field").press("Enter")
    page.get_by_role("link", name=re.compile("W2U3Z")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NHS West and North London")


def test_a_past_view_carries_a_banner_and_keeps_its_date(page, site):
    page.goto(site + "/regions/london/?on=2025-01-01")
    expect(page.locator(".nhsuk-warning-callout")).to_contain_text("1 January 2025")
    page.get_by_role("link", name="NHS North Central London").click()
    assert page.url.endswith("/systems/north-central-london/?on=2025-01-01")
    expect(page.locator(".nhsuk-warning-callout")).to_contain_text("A past view")


def test_bad_input_gets_a_clear_page_not_an_error(page, site):
    response = page.goto(site + "/systems/?on=2025-02-30")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, that request is not valid")
    response = page.goto(site + "/systems/atlantis/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("The directory holds no body known as")


def test_everything_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/systems/?designation=none")
    page.get_by_role("link", name="Page 2").click()
    expect(page.get_by_role("status")).to_contain_text("page 2 of 2")
    assert "designation=none" in page.url
    page.get_by_label("Name, former name, code, council or NHS trust").fill("Frimley")
    page.get_by_label("In force on").fill("2025-06-01")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("tbody")).to_contain_text("NHS Frimley")
    context.close()


def test_the_keyboard_journey(page, site):
    page.goto(site + "/systems/")
    page.keyboard.press("Tab")
    skip = page.locator(".nhsuk-skip-link")
    expect(skip).to_be_focused()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#maincontent")
    # Tab on into the filter form: each focused control shows the yellow focus style.
    search = page.get_by_label("Name, former name, code, council or NHS trust")
    for _ in range(30):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    outline = search.evaluate(
        "el => getComputedStyle(el).boxShadow + getComputedStyle(el).outlineStyle"
    )
    assert outline != "none" + "none"
    page.keyboard.type("London")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("integrated care system")
    page.goto(site + "/systems/?designation=none")
    pager = page.get_by_role("link", name="Page 2")
    for _ in range(80):
        page.keyboard.press("Tab")
        if pager.evaluate("el => el === document.activeElement"):
            break
    expect(pager).to_be_focused()
    background = pager.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 235, 59)"  # the design system's focus colour
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("page 2 of 2")


def test_pages_fit_a_small_screen(page, site):
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/systems/", "/systems/north-east-and-north-cumbria/"):
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


def test_a_region_map_is_drawn_and_its_list_of_links_leads_on(page, site):
    page.goto(site + "/regions/london/")
    drawing = page.locator("svg.app-map__svg")
    expect(drawing).to_be_visible()
    assert drawing.get_attribute("role") == "img"
    box = drawing.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    shaded = page.locator("path.app-map__area--focus")
    assert shaded.count() == 4
    assert shaded.first.evaluate("el => getComputedStyle(el).fill") == NHS_BLUE
    expect(page.locator("figcaption")).to_contain_text("the integrated care systems in the table")
    page.locator("table").get_by_role("link", name="NHS South West London").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NHS South West London")
    expect(page.locator("path.app-map__area--focus")).to_have_count(1)
    page.locator("figcaption").get_by_role("link", name="NHS South East London").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NHS South East London")
    assert page.problems == []


def test_an_analyst_downloads_the_filtered_list_as_csv(page, site):
    page.goto(site + "/systems/?region=london&on=2025-01-01")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as CSV").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("icb_ods_code,icb_ons_code,name")
    assert len(lines) == 1 + 5  # the five London systems of January 2025
    assert download.value.suggested_filename == "systems-2025-01-01.csv"


def test_a_provider_finds_the_collaboratives_of_its_trust_from_west_yorkshire(page, site):
    page.goto(site + "/systems/west-yorkshire/")
    places = page.locator("h3:has-text('Place-based partnerships') + ul")
    expect(places).to_contain_text("Calderdale Cares Partnership")
    collaboratives = page.locator("h3:has-text('Provider collaboratives') + ul")
    expect(collaboratives).to_contain_text("Leeds and York Partnership NHS Foundation Trust")
    collaboratives.get_by_role(
        "link",
        name="West Yorkshire Mental Health, Learning Disabilities and Autism Collaborative",
        exact=True,
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Provider collaborative")
    page.get_by_role("link", name="Leeds and York Partnership NHS Foundation Trust").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leeds and York Partnership")
    expect(page.locator("h2:has-text('Provider collaboratives') + ul")).to_contain_text(
        "West Yorkshire Mental Health"
    )
    assert page.problems == []


def test_a_reader_suggests_a_correction_and_keeps_the_link_to_its_status(page, site):
    page.goto(site + "/systems/devon/")
    page.get_by_role("link", name="Suggest a correction").click()
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("There is a problem")
    assert AXE.run(page).violations_count == 0
    page.get_by_label("What is wrong or missing").select_option(label="Chair of the ICB")
    page.get_by_label("What it should say").fill("A new chair, as the page reports")
    page.get_by_label("Where you found it").fill("https://www.example.org/devon-new-chair")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator("main")).to_contain_text("Thank you: the editors have your suggestion")
    expect(page.locator("main")).to_contain_text("Waiting for an editor")
    assert AXE.run(page).violations_count == 0
    assert page.problems == []


def test_an_ics_page_starts_with_who_to_contact(page, site):
    page.goto(site + "/systems/north-east-and-north-cumbria/")
    expect(page.locator("main h2").first).to_have_text("Contact")
    page.get_by_role("link", name="role mailbox").click()
    expect(page.get_by_label("What is wrong or missing")).to_have_value("contact:email")
    assert page.problems == []


# A 1280 x 1024 display shows about 950 px of a page below the browser's own bars.
SCREEN = {"width": 1280, "height": 950}


def test_a_thin_ics_page_fits_in_two_screens_with_who_to_contact_on_the_first(page, site):
    page.set_viewport_size(SCREEN)
    page.goto(site + "/systems/somerset/")
    assert page.evaluate("document.documentElement.scrollHeight") <= 2 * SCREEN["height"]
    for first_screen in ("#contact", "#not-known", ".app-map__svg"):
        assert page.locator(first_screen).bounding_box()["y"] < SCREEN["height"], first_screen
    assert page.problems == []


def test_postcode_and_council_pages_open_with_who_to_contact(page, site):
    for path in ("/postcodes/SR13QD/", "/councils/sunderland/"):
        page.goto(site + path, wait_until="networkidle")  # the icon too, before leaving
        expect(page.locator("main h2").first).to_have_text("Who to contact")
        summary = page.locator("h2:has-text('Who to contact') + dl")
        expect(summary).to_contain_text("Professor Sir Liam Donaldson")
        expect(summary.get_by_role("link", name="NHS North East and North Cumbria")).to_be_visible()
        page.locator("#not-known + ul").get_by_role("link", name="Local Healthwatch").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Suggest a correction")
        page.wait_for_load_state("networkidle")  # its icon too, before the next page
        assert page.problems == []
