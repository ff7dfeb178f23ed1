"""Readers suggest corrections without an account; editors of the right area accept or reject
them in a queue; an accepted suggestion is an ordinary, sourced edit in the change history."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from corrections.models import Suggestion
from directory.system_records import SystemRecords
from sources.editors import EDITORS
from systems.models import BoardContact, EditorScope, IntegratedCareSystem, Region

from .reading import text

pytestmark = pytest.mark.django_db

NEW_CHAIR = "Dame Example Chair"
QUERIES = {"form": 3, "status": 1}  # the ICS, its board, its contacts; the suggestion
SOURCE = "https://www.example.org/news/new-chair-appointed"


def suggest(client, kind="system", key="north-east-and-north-cumbria", address="10.0.0.1", **data):
    fields = {"field": "contact:chair", "proposed_value": NEW_CHAIR, "source": SOURCE} | data
    return client.post(f"/suggest/{kind}/{key}/", fields, REMOTE_ADDR=address)


def make_editor(username, *, email="", regions=(), systems=()):
    user = User.objects.create_user(
        username, email=email, password="a long password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    if regions or systems:
        scope = EditorScope.objects.create(user=user)
        scope.regions.set(Region.objects.filter(slug__in=regions))
        scope.systems.set(IntegratedCareSystem.objects.filter(slug__in=systems))
    return user


def decide(client, suggestion, **data):
    url = reverse("admin:corrections_suggestion_change", args=[suggestion.pk])
    return client.post(url, {"reason": "", "value": "", "source_address": "", **data})


def test_every_record_page_links_to_its_correction_form(client):
    for page, form in (
        ("/systems/north-east-and-north-cumbria/", "/suggest/system/north-east-and-north-cumbria/"),
        ("/councils/sunderland/", "/suggest/council/sunderland/"),
        ("/trusts/RTD/", "/suggest/trust/RTD/"),
        ("/places/calderdale-cares-partnership/", "/suggest/place/calderdale-cares-partnership/"),
        ("/practices/A81001/", "/suggest/practice/A81001/"),
        ("/regions/london/", "/suggest/region/london/"),
    ):
        assert f'href="{form}"' in client.get(page).content.decode(), page
        answer = client.get(form)
        assert answer.status_code == 200 and "Send the suggestion" in text(answer), form
        assert "no-store" in answer["Cache-Control"] and "ETag" not in answer
    assert client.get("/suggest/system/no-such-ics/").status_code == 404
    assert client.get("/suggest/nonsense/x/").status_code == 404


def test_a_reader_suggests_an_editor_accepts_and_the_site_shows_it_with_its_source(
    client, django_capture_on_commit_callbacks
):
    north_east = make_editor("ne", email="ne@example.org", regions=["north-east-and-yorkshire"])
    make_editor("london", email="london@example.org", regions=["london"])
    sent = suggest(client)
    assert sent.status_code == 302
    suggestion = Suggestion.objects.get()
    assert sent["Location"] == f"/suggestions/{suggestion.token}/?sent=1"
    status = text(client.get(sent["Location"]))
    assert "Thank you: the editors have your suggestion" in status
    assert "Waiting for an editor" in status and NEW_CHAIR in status
    assert [message.to for message in mail.outbox] == [["ne@example.org"]]  # not London's

    client.force_login(north_east)
    queue = text(client.get(reverse("admin:corrections_suggestion_changelist")))
    assert NEW_CHAIR in queue and "Professor Sir Liam Donaldson" in queue  # proposed and current
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, suggestion, decision="accept").status_code == 302
    client.logout()

    page = text(client.get("/systems/north-east-and-north-cumbria/"))
    assert NEW_CHAIR in page
    contact = BoardContact.objects.get(value=NEW_CHAIR)
    assert (
        contact.source_url == SOURCE and contact.sources.get().slug == f"suggestion-{suggestion.pk}"
    )
    entry = contact.history.latest()
    assert entry.history_user == north_east
    assert entry.history_change_reason == f"From suggestion {suggestion.pk}, accepted by ne"
    answer = client.get("/api/v1/systems/QHM/").json()
    assert NEW_CHAIR in [c["value"] for c in answer["board"]["contacts"] if c["current"]]
    assert "Accepted" in text(client.get(suggestion.get_absolute_url()))


def test_a_field_suggestion_edits_the_record_as_an_ordinary_edit(client):
    editor = make_editor("anyone")
    suggest(client, kind="trust", key="RTD", field="name", proposed_value="The Newcastle Hospitals")
    suggestion = Suggestion.objects.get()
    assert suggestion.current_value == "The Newcastle Upon Tyne Hospitals NHS Foundation Trust"
    client.force_login(editor)
    assert decide(client, suggestion, decision="accept").status_code == 302
    trust = suggestion.record
    trust.refresh_from_db()
    assert trust.name == "The Newcastle Hospitals"
    assert trust.history.latest().history_change_reason.startswith("From suggestion")


def test_a_rejection_needs_a_reason_which_the_reader_sees(client):
    client_editor = make_editor("editor")
    suggest(client)
    suggestion = Suggestion.objects.get()
    client.force_login(client_editor)
    refused = decide(client, suggestion, decision="reject")
    assert refused.status_code == 200 and "Say why" in text(refused)
    decide(client, suggestion, decision="reject", reason="The page is about another ICB.")
    client.logout()
    status = text(client.get(suggestion.get_absolute_url()))
    assert "Not accepted" in status and "The page is about another ICB." in status
    assert not BoardContact.objects.filter(value=NEW_CHAIR).exists()


def test_an_editor_for_london_neither_sees_nor_decides_a_north_east_suggestion(client):
    london = make_editor("london", regions=["london"])
    suggest(client)
    suggestion = Suggestion.objects.get()
    client.force_login(london)
    queue = text(client.get(reverse("admin:corrections_suggestion_changelist")))
    assert NEW_CHAIR not in queue
    url = reverse("admin:corrections_suggestion_change", args=[suggestion.pk])
    assert client.get(url).status_code in (302, 403, 404)
    assert decide(client, suggestion, decision="accept").status_code in (302, 403, 404)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW


def test_abuse_is_limited_and_what_a_reader_sends_is_shown_as_text(client):
    answers = [suggest(client, address="10.9.9.9").status_code for _ in range(20)]
    assert answers[:5] == [302] * 5 and set(answers[5:]) == {429}
    assert suggest(client, address="10.9.9.10").status_code == 302  # another connection
    assert Suggestion.objects.count() == 6

    robot = suggest(client, address="10.7.7.7", website="http://spam.example")
    assert robot.status_code == 200 and Suggestion.objects.count() == 6

    script = "<script>alert('x')</script>"
    suggest(client, address="10.8.8.8", proposed_value=script, source=script)
    page = client.get(Suggestion.objects.first().get_absolute_url()).content.decode()
    assert script not in page and "&lt;script&gt;" in page

    too_long = suggest(client, address="10.8.8.9", proposed_value="x" * 5000)
    assert too_long.status_code == 200 and "at most 2000 characters" in text(too_long)
    missing = client.post("/suggest/system/devon/", {}, REMOTE_ADDR="10.8.8.9")
    assert missing.status_code == 200 and "There is a problem" in text(missing)


def test_the_form_and_the_readers_page_take_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES["form"]):
        assert client.get("/suggest/system/north-east-and-north-cumbria/").status_code == 200
    suggest(client)
    suggestion = Suggestion.objects.get()
    with django_assert_num_queries(QUERIES["status"]):
        assert client.get(suggestion.get_absolute_url()).status_code == 200


def test_with_the_ics_records_kept_its_form_reads_nothing_and_is_the_same(
    client, monkeypatch, django_assert_num_queries
):
    url = "/suggest/system/north-east-and-north-cumbria/?field=contact:chair"
    fresh = client.get(url)
    kept = SystemRecords()
    monkeypatch.setattr("directory.system_records._kept.get", lambda: kept)
    with django_assert_num_queries(0):
        again = client.get(url)
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub(b"", again.content) == strip.sub(b"", fresh.content)
    assert "Sir Liam Donaldson" in text(again)  # the chair's current value, from the kept copy
