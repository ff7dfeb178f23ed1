"""Atom feeds of what changed: the whole directory, each region and each ICS, from the change
history (editors' edits and accepted suggestions, with reasons and sources) and successions."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, User

from corrections.decisions import accept
from corrections.models import Suggestion
from directory.feeds import in_area
from directory.reports import successions as all_successions
from sources.editors import EDITORS
from systems.models import IntegratedCareSystem, Region, Succession
from systems.scopes import condition

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_CHAIR = "Dame Feed Example"


def entries(client, path):
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):  # what RFC 4287 asks of a feed and its entries
        assert feed.find(f"{ATOM}{required}") is not None
    found = feed.findall(f"{ATOM}entry")
    for entry in found:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None
    return [
        (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary") or "") for entry in found
    ]


@pytest.mark.parametrize("path", ["/changes/feed.atom", "/systems/frimley/changes.atom"])
def test_a_feed_is_sent_in_one_piece(client, path):
    # The server writes each piece of a response as it comes: the feed writer's hundred small
    # pieces were a hundred system calls and packets.
    answer = client.get(path)
    assert list(answer) == [answer.content] and len(answer.content) > 1000


def test_an_accepted_suggestion_is_in_the_feeds_of_the_directory_its_region_and_its_ics(client):
    editor = User.objects.create_user("editor", password="a long password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.post(
        "/suggest/system/north-east-and-north-cumbria/",
        {
            "field": "contact:chair",
            "proposed_value": NEW_CHAIR,
            "source": "https://www.example.org/feed-chair",
        },
    )
    suggestion = Suggestion.objects.get()
    accept(suggestion, editor)
    for path in (
        "/changes/feed.atom",
        "/regions/north-east-and-yorkshire/changes.atom",
        "/systems/north-east-and-north-cumbria/changes.atom",
    ):
        summary = " ".join(s for title, s in entries(client, path) if NEW_CHAIR in title)
        assert f"From suggestion {suggestion.pk}, accepted by editor" in summary
        assert "https://www.example.org/feed-chair" in summary  # its source
    london = entries(client, "/regions/london/changes.atom")
    assert not [title for title, _ in london if NEW_CHAIR in title]


def test_the_feeds_hold_the_successions_and_are_advertised_on_the_pages(client):
    frimley = entries(client, "/systems/frimley/changes.atom")
    assert any("NHS Frimley to" in title for title, _ in frimley)
    html = client.get("/systems/frimley/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/systems/frimley/changes.atom"' in html
    assert client.get("/systems/atlantis/changes.atom").status_code == 404


def test_a_feed_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # One per kind of record and for the successions, and two for each of the (at most 50)
    # editors' changes shown: here, none yet.
    with django_assert_max_num_queries(40):
        assert client.get("/changes/feed.atom").status_code == 200


def test_a_feeds_successions_are_those_an_editor_of_its_area_is_scoped_to():
    """directory.feeds.in_area picks in Python what systems.scopes.condition finds."""
    successions = Succession.objects.all()
    areas = [({region.pk}, set()) for region in Region.objects.all()]
    areas += [(set(), {system.pk}) for system in IntegratedCareSystem.objects.all()]
    some = 0
    for area in areas:
        expected = set(successions.filter(condition(Succession, area)).values_list("pk", flat=True))
        assert {s.pk for s in all_successions() if in_area(s, area)} == expected, area
        some += bool(expected)
    assert some > 10  # many regions and ICSs have successions


def test_with_the_successions_kept_the_changes_page_reads_nothing(
    client, monkeypatch, django_assert_num_queries
):
    kept = all_successions()
    monkeypatch.setattr("directory.reports._successions_kept.get", lambda: kept)
    with django_assert_num_queries(0):
        page = client.get("/changes/")
    assert "NHS Thames Valley" in page.content.decode()
