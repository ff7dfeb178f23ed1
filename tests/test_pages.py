"""The public pages through the test client: what a user sees, bad input, and query counts."""

import re
from datetime import date

import pytest
from django.urls import reverse

from systems.models import Cluster, IntegratedCareSystem

from .reading import between, text

pytestmark = pytest.mark.django_db


def status_line(response):
    line = re.search(r'<p role="status">(.*?)</p>', response.content.decode(), re.S)[1]
    return " ".join(line.split())


# Queries per page, pinned: they must not grow with the number of rows shown.
@pytest.mark.parametrize(
    ("url", "queries", "expected"),
    [
        ("/", 9, "North East and Yorkshire"),
        ("/regions/london/", 5, "NHS North Central London"),
        # Read afresh (as here, in a test's transaction) the ICS list reads its page's rows with
        # their codes and patient counts; kept, only which ICSs (tests/test_system_records.py).
        ("/systems/", 6, "NHS Humber and North Yorkshire"),
        ("/systems/?page=2", 6, "NHS West and North London"),
        ("/systems/?region=london&on=2025-01-01", 7, "NHS South West London"),
        # An ICS page reads the same tables for any ICS (directory.system_records), and the
        # successions' sources when it has successions.
        ("/systems/frimley/", 29, "Abolished on 1 April 2026"),
        ("/systems/north-east-and-north-cumbria/", 28, "Sir Liam Donaldson"),
        # Who to contact is read per ICB the council lies in (one here; two at most on the map);
        # with the records kept (directory.detail_records), a council page reads nothing.
        ("/councils/sunderland/", 17, "NHS North East and North Cumbria Integrated Care Board"),
        ("/trusts/RTD/", 10, "The Newcastle Upon Tyne Hospitals NHS Foundation Trust"),
        ("/initiatives/bnssg-vanguard/", 6, "Bristol Drugs Project"),
        ("/search/?q=frimley", 8, "NHS Frimley"),
        ("/who-commissions-what/", 2, "Liaison and Diversion"),
        # The successions with their sources; none when they are kept per data version.
        ("/changes/", 2, "NHS Thames Valley"),
        # The sources (kept per data version) and one query that counts every gap.
        ("/about/", 2, "What is not known yet"),
    ],
)
def test_every_page_type_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries, expected
):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert expected in text(response)


def test_the_icb_page_count_does_not_grow_with_its_rows(client, django_assert_max_num_queries):
    # NENC has 26 board seats, 13 councils and many trusts; Somerset has one council, no seats.
    for slug in ("north-east-and-north-cumbria", "somerset"):
        with django_assert_max_num_queries(30):
            assert client.get(f"/systems/{slug}/").status_code == 200


def test_home_tells_of_the_april_2026_changes_from_the_data(client):
    page = text(client.get("/"))
    assert (
        "On 1 April 2026, 12 integrated care boards were abolished and 6 created, and 1 enlarged: "
        "England went from 42 integrated care systems to 36. See the 16 changes of 1 April 2026"
    ) in page


def test_home_counts_systems_per_region_today_and_on_a_past_date(client):
    today = text(client.get("/"))
    assert "London 4 integrated care systems in force" in today
    then = text(client.get("/?on=2025-06-01"))
    assert "London 5 integrated care systems then" in then
    assert "A past view" in then and "1 June 2025" in then


def test_london_lists_five_systems_before_2026_and_four_today(client):
    before = client.get("/systems/", {"region": "london", "on": "2025-01-01"})
    assert status_line(before).startswith("5 integrated care systems in force on 1 January 2025")
    now = client.get("/systems/", {"region": "london"})
    assert status_line(now).startswith("4 integrated care systems")
    assert "NHS West and North London" in text(now)


def test_pagination_keeps_the_filters(client):
    response = client.get("/systems/", {"designation": "none", "order": "name"})
    assert 'href="?designation=none&amp;order=name&amp;page=2"' in response.content.decode()


def test_filters_by_cluster_designation_and_text(client):
    planned = Cluster.objects.get(status="planned")
    cluster = client.get("/systems/", {"cluster": planned.slug})
    assert status_line(cluster).startswith("3 integrated care systems")
    wave = client.get("/systems/", {"designation": "december-2020", "on": "2025-06-01"})
    assert status_line(wave).startswith("11 integrated care systems")
    by_council = client.get("/systems/", {"q": "Sunderland"})
    assert status_line(by_council).startswith("1 integrated care system ")
    by_former_code = client.get("/systems/", {"q": "E54000052", "on": "2025-06-01"})
    assert "NHS Surrey Heartlands" in text(by_former_code)


def test_frimley_says_it_was_split_and_links_to_its_three_successors(client):
    page = client.get("/systems/frimley/")
    content = page.content.decode()
    assert "was abolished with effect from 1 April 2026" in text(page)
    for slug in ("thames-valley", "surrey-and-sussex", "hampshire-and-isle-of-wight"):
        assert f'href="/systems/{slug}/"' in content


def test_a_successor_names_its_predecessors(client):
    page = text(client.get("/systems/west-and-north-london/"))
    assert "NHS North Central London" in page and "NHS North West London" in page


def test_the_icb_page_checks_the_statutory_minimum(client):
    nenc = text(client.get("/systems/north-east-and-north-cumbria/"))
    assert "24 of at least 10 members recorded" in nenc
    assert "Member with mental health expertise 1 Not recorded" in nenc
    assert "Chair 1 Recorded (1)" in nenc
    somerset = text(client.get("/systems/somerset/"))
    not_known = between(somerset, "Not known yet", "Integrated care board")
    assert "Its board members (0 of at least 10 the law requires: not published centrally)" in (
        not_known
    )
    assert "Statutory minimum composition" not in somerset  # no table of empty rows


def test_an_ics_page_puts_who_to_contact_first_and_gathers_what_is_not_known(client):
    html = client.get("/systems/north-east-and-north-cumbria/").content.decode()
    assert html.index('id="contact"') < html.index("app-map") < html.index('id="board"')
    page = text(client.get("/systems/north-east-and-north-cumbria/"))
    contact = page[page.index("Contact") : page.index("Not known yet")]
    assert "Chair Professor Sir Liam Donaldson" in contact and "Reported" in contact
    not_known = between(page, "Not known yet", "Integrated care board")
    assert "Role mailbox" in not_known and "Chair" not in not_known
    assert 'href="/suggest/system/north-east-and-north-cumbria/?field=contact:email"' in html
    assert "Not known: " not in page[: page.index("Integrated care board")]  # no grey lines
    board = client.get("/api/v1/systems/QHM/").json()["board"]
    assert "email" in board["contacts_not_known"] and "chair" not in board["contacts_not_known"]


def test_a_voluntary_sector_worker_finds_who_to_contact_for_sunderland(client):
    search = client.get("/search/", {"q": "Sunderland"})
    assert 'href="/councils/sunderland/"' in search.content.decode()
    page = text(client.get("/councils/sunderland/"))
    contact = between(page, "Who to contact", "Not known yet")
    assert "Integrated care board NHS North East and North Cumbria Integrated Care Board" in contact
    assert "VCSE alliance ICS Voluntary Sector Partnership" in contact
    assert "Healthwatch ICS HealthWatch Network (network of the whole ICS)" in contact
    assert "Local Healthwatch" in between(page, "Not known yet", "The council")  # none named


def test_a_split_council_is_flagged(client):
    page = text(client.get("/councils/east-suffolk/", {"on": "2025-06-01"}))
    assert "split between 2 integrated care boards" in page


def test_links_in_a_past_view_keep_the_date(client):
    content = client.get("/regions/london/", {"on": "2025-01-01"}).content.decode()
    assert 'href="/systems/north-central-london/?on=2025-01-01"' in content


@pytest.mark.parametrize(
    ("code", "target"),
    [
        ("E54000052", "/systems/surrey-heartlands/"),  # a former ONS code
        ("qnq", "/systems/frimley/"),
        ("D4U1Y", "/systems/frimley/"),  # a sub-ICB location that no longer exists
        ("E40000007", "/regions/east-of-england/"),
        ("E08000024", "/councils/sunderland/"),
        ("RTD", "/trusts/RTD/"),
    ],
)
def test_official_codes_old_and_new_resolve_to_their_page(client, code, target):
    response = client.get(reverse("directory:code", args=[code]))
    assert response.status_code == 302
    assert response.url == target


def test_a_renamed_system_keeps_its_old_address(client):
    system = IntegratedCareSystem.objects.get(slug="devon")
    system.slug = "one-devon"
    system.save()
    response = client.get("/systems/devon/")
    assert response.status_code == 301
    assert response.url == "/systems/one-devon/"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/systems/nhs-frimley/", "/systems/frimley/"),  # the legal name's slug
        (
            "/systems/nhs-cornwall-and-the-isles-of-scilly/",
            "/systems/cornwall-and-the-isles-of-scilly/",
        ),
        ("/systems/QNQ/", "/systems/frimley/"),  # an ODS code
        ("/systems/E54000042/", "/systems/hampshire-and-isle-of-wight/"),  # a former ONS code
    ],
)
def test_old_names_and_codes_in_an_address_redirect(client, path, target):
    response = client.get(path)
    assert response.status_code in (301, 302)
    assert response.url == target


def test_a_former_name_finds_the_right_body(client):
    page = client.get("/search/", {"q": "NHS North West London ICB - W2U3Z"})
    assert 'href="/code/W2U3Z/"' in page.content.decode()
    assert client.get("/code/W2U3Z/").url == "/systems/west-and-north-london/"


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/systems/?on=2025-13-01", 400, "“2025-13-01” is not a date"),
        ("/?on=yesterday", 400, "Give it as year-month-day"),
        ("/systems/frimley/?on=1900-01-01", 400, "Choose a date between"),
        ("/systems/atlantis/", 404, "The directory holds no body known as “ATLANTIS”"),
        ("/code/QQQQQ/", 404, "The directory holds no body known as “QQQQQ”"),
        ("/councils/nowhere/", 404, "Page not found"),
    ],
)
def test_bad_input_gets_a_clear_page(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in text(response)
    assert "ICS Directory" in text(response)  # the site's own page, not a bare error


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "atlantis"}, "Select a valid choice"),
        ({"q": "x" * 101}, "at most 100 characters"),
        ({"order": "sideways"}, "Select a valid choice"),
        ({"order": ",,"}, "Leave no item empty between commas"),
        ({"cluster": "nowhere"}, "Select a valid choice"),
    ],
)
def test_bad_filter_values_are_form_errors(client, params, message):
    response = client.get("/systems/", params)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert message in text(response)


def test_search_refuses_short_and_oversized_queries(client):
    assert "at least 2 characters" in text(client.get("/search/", {"q": "x"}))
    assert "at most 100 characters" in text(client.get("/search/", {"q": "y" * 500}))


def test_who_commissions_what_separates_icbs_from_nhs_england(client):
    page = text(client.get("/who-commissions-what/"))
    assert page.index("Commissioned by Integrated care boards") < page.index("Maternity services")
    assert page.index("Commissioned by NHS England Health and Justice") < page.index(
        "RECONNECT: Care after Custody Pathway"
    )


def test_who_commissions_what_has_a_plain_title_and_its_download(client):
    html = client.get("/who-commissions-what/").content.decode()
    assert "<title>Who commissions what \u2013 ICS Directory</title>" in html
    assert 'href="/who-commissions-what/download.csv" download' in html


def test_a_region_says_which_of_its_icss_the_2022_map_numbered(client):
    before = text(client.get("/regions/london/", {"on": "2025-01-01"}))
    assert "Number on the 2022 map" in before and "Not on it" not in before
    today = text(client.get("/regions/london/"))
    assert "Not on it NHS West and North London" in today


def test_sub_icb_locations_say_which_council_areas_they_cover(client):
    essex = text(client.get("/systems/essex/"))
    assert "NHS Essex ICB - 06Q (Chelmsford, Braintree and Maldon)" in essex
    practice = text(client.get("/practices/A81001/"))
    assert "16C , covering Stockton-on-Tees, Redcar and Cleveland, Middlesbrough" in practice
    api = client.get("/api/v1/sub-icb-locations/06Q/").json()
    assert api["covers"] == "Chelmsford, Braintree and Maldon"


def test_the_regions_page_lists_the_seven_regions(client):
    page = client.get("/regions/")
    assert page.status_code == 200
    assert len(re.findall(r'href="/regions/[a-z-]+/"', page.content.decode())) == 7
    assert "London" in text(page)


def test_about_lists_every_source_and_the_unknowns(client):
    page = text(client.get("/about/"))
    assert "Open Government Licence v3.0" in page
    assert "ICBs with no website" in page
    assert "Report an error" in page


def test_about_is_the_same_with_its_sources_kept_reading_only_the_counts(
    client, monkeypatch, django_assert_num_queries
):
    from directory import pages
    from sources.models import Source

    fresh = client.get("/about/", {"on": "2025-06-01"}).content.decode()
    kept = pages.source_rows.value()
    assert len(kept) == Source.objects.count()
    assert kept[0]["kind"] in fresh  # the kind's label, not its code
    monkeypatch.setattr(pages.source_rows, "get", lambda: kept)
    with django_assert_num_queries(1):  # every gap, counted on the date
        assert client.get("/about/", {"on": "2025-06-01"}).content.decode() == fresh


def test_future_dates_are_shown_as_a_future_view(client):
    future = date.today().replace(year=date.today().year + 1).isoformat()
    assert "A future view" in text(client.get("/", {"on": future}))


def test_the_500_page_is_friendly_and_needs_no_database(rf, django_assert_num_queries):
    from icsdir.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/systems/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem" in text(response)


def test_an_ics_page_lists_each_trust_once_with_how_it_belongs(client):
    html = client.get("/systems/somerset/").content.decode()
    assert html.count('href="/trusts/RH5/"') == 1  # a partner, and Somerset is its principal ICB
    page = text(client.get("/systems/somerset/"))
    assert (
        "Somerset NHS Foundation Trust (RH5) Named as a partner in the ICB's constitution; "
        "has this as its principal ICB"
    ) in page
    assert "South Western Ambulance Service NHS Foundation Trust (RYF) Named as a partner" in page
