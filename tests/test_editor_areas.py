"""An editor limited to London changes records of London only: in every admin view, inline
and bulk action, for every model of the directory."""

import re
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from boards.models import PartnershipMembership, Person
from corrections.gaps import data_gaps
from sources.editors import EDITORS
from sources.models import Source
from systems.admin import AreaAdmin
from systems.models import (
    BoardContact,
    EditorScope,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareSystem,
    Region,
)
from systems.scopes import condition

from .test_admin import post_data

pytestmark = pytest.mark.django_db

AREA_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AreaAdmin)
    ),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def london_editor(client):
    user = User.objects.create_user("london", password="a long editor password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    EditorScope.objects.create(user=user).regions.set(Region.objects.filter(slug="london"))
    client.force_login(user)
    return user


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def outside_london(model):
    london = ({Region.objects.get(slug="london").pk}, set())
    if model is PartnershipMembership and not model.objects.exists():  # no fixture has one
        icp = IntegratedCarePartnership.objects.exclude(system__region__slug="london").first()
        person = Person.objects.first()
        model.objects.create(
            person=person, partnership=icp, role="member", title="Member", last_checked=date.today()
        )
    return model._default_manager.exclude(condition(model, london)).order_by("pk").first()


@pytest.mark.parametrize("model", AREA_MODELS, ids=lambda model: model._meta.label)
def test_a_london_editor_changes_nothing_outside_london(client, london_editor, model):
    record = outside_london(model)
    assert record is not None, "every model has records outside London"
    page = client.get(url(model, "change", record.pk))
    assert page.status_code == 200 and 'name="_save"' not in page.text  # read-only
    assert client.post(url(model, "change", record.pk), {}).status_code == 403
    assert client.post(url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    client.post(url(model, "changelist"), bulk)
    assert model._default_manager.filter(pk=record.pk).exists()
    entry = record.history.first()
    if entry is not None:  # reverting is changing too
        revert = url(model, "simple_history", record.pk, entry.history_id)
        assert client.post(revert, {}).status_code == 403


def test_a_london_editor_edits_a_london_board_with_its_inlines(client, london_editor):
    board = IntegratedCareBoard.objects.get(ods_code="QMJ")  # NHS North Central London
    change = url(IntegratedCareBoard, "change", board.pk)
    data = post_data(client.get(change))
    assert client.post(change, data).status_code == 302
    assert board.history.first().history_user == london_editor


def test_a_london_editor_cannot_add_a_record_outside_london(client, london_editor):
    midlands = IntegratedCareBoard.objects.get(ods_code="QHL")  # Birmingham and Solihull
    data = post_data(client.get(url(BoardContact, "add")))
    data |= {
        "board": midlands.pk,
        "kind": "website",
        "value": "https://example.org/midlands",
        "source_url": "https://example.org/midlands",
        "last_checked": "2026-12-01",
        "BoardContact_sources-TOTAL_FORMS": "1",
        "BoardContact_sources-0-source": Source.objects.first().pk,
    }
    answer = client.post(url(BoardContact, "add"), data)
    assert answer.status_code == 403
    assert not BoardContact.objects.filter(value="https://example.org/midlands").exists()


def test_a_london_editor_may_add_a_source_but_change_none(client, london_editor):
    source = Source.objects.first()
    assert client.post(url(Source, "change", source.pk), {}).status_code == 403
    assert client.post(url(Source, "delete", source.pk), {"post": "yes"}).status_code == 403
    assert client.get(url(Source, "add")).status_code == 200


def work_list_sections(page):
    """{caption: [record names]} of the admin's Needs attention page."""
    sections = {}
    for caption, body in re.findall(r"<caption>\s*(.*?)\s*</caption>(.*?)</table>", page, re.S):
        sections[caption] = re.findall(r'<a href="/admin/[^"]+">([^<]+)</a>', body)
    return sections


def test_the_work_list_holds_each_gap_with_its_records_in_the_editors_area(client, london_editor):
    gaps = {gap.what: gap for gap in data_gaps()}
    unscoped = User.objects.create_user("all", password="a long editor password", is_staff=True)
    unscoped.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(unscoped)
    everything = work_list_sections(client.get(reverse("needs_attention")).text)
    for what, gap in gaps.items():
        if gap.missing:
            caption = f"{what} ({gap.missing} of {gap.of})"
            assert caption in everything, what
            assert len(everything[caption]) == min(gap.missing, 50)
    no_chair = "ICBs with no chair reported by a dated source"
    client.force_login(london_editor)
    london = work_list_sections(client.get(reverse("needs_attention")).text)
    in_london = [
        str(board) for board in gaps[no_chair].records if board.system.region.slug == "london"
    ]
    (caption,) = [c for c in london if c.startswith(no_chair)]
    assert caption == f"{no_chair} ({len(in_london)})"  # no directory-wide total for an area
    assert in_london and sorted(london[caption]) == sorted(in_london)  # and none elsewhere
    assert "Sources with no URL" not in " ".join(london)  # sources belong to no area


def test_the_work_list_starts_with_the_suggestions_waiting_in_the_area(client, london_editor):
    london = IntegratedCareSystem.objects.filter(region__slug="london").first()
    elsewhere = IntegratedCareSystem.objects.exclude(region__slug="london").first()
    for system in (london, elsewhere):
        client.post(
            f"/suggest/system/{system.slug}/",
            {"field": "contact:chair", "proposed_value": "A Name", "source": "https://x.example/"},
            REMOTE_ADDR=f"10.0.0.{system.pk}",
        )
    client.force_login(london_editor)
    page = client.get(reverse("needs_attention")).text
    assert "1 suggestion waiting for an editor" in page
    assert page.index("Readers&#x27; suggestions") < page.index("Not known yet")
