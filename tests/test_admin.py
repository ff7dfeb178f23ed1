"""The editors' admin: staff only, searchable by codes and former names, every change recorded."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from sources.editors import EDITORS
from sources.models import Source
from systems.models import IntegratedCareBoard, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="a long editor password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def post_data(response):
    """The data an admin change form would post back unchanged, inlines included."""
    data = {}

    def add(form, prefix=None):
        for name in form.fields:
            key = f"{prefix}-{name}" if prefix else name
            value = form[name].value()
            if value is None or value is False:
                continue
            data[key] = [str(v) for v in value] if isinstance(value, list) else str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        add(formset.management_form, formset.prefix)
        for form in formset.forms:
            add(form, form.prefix)
    return data


@pytest.mark.parametrize("path", ["/admin/", "/admin/needs-attention/"])
def test_the_admin_is_for_staff_only(client, path):
    assert client.get(path).url.startswith("/admin/login/")
    client.force_login(User.objects.create_user("public", password="a long public password"))
    assert client.get(path).url.startswith("/admin/login/")


def test_editors_may_edit_the_directory_but_not_users(client, editor):
    assert client.get(reverse("admin:systems_integratedcareboard_changelist")).status_code == 200
    assert client.get(reverse("admin:sources_source_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    group = Group.objects.get(name=EDITORS)
    assert group.permissions.filter(codename="change_integratedcareboard").exists()
    assert not group.permissions.filter(codename="change_historicalintegratedcareboard").exists()


@pytest.mark.parametrize(
    ("admin_list", "query", "expected"),
    [
        ("systems_integratedcareboard", "E54000052", "NHS Surrey Heartlands Integrated Care Board"),
        ("systems_integratedcareboard", "QNQ", "NHS Frimley Integrated Care Board"),
        (
            "systems_integratedcaresystem",
            "the isles of scilly",
            "NHS Cornwall and the Isles of Scilly",
        ),
        ("systems_subicblocation", "NHS North West London ICB - W2U3Z", "W2U3Z"),
        ("systems_localauthority", "Middlesborough Council", "Middlesbrough"),
        ("systems_nhstrust", "RTD", "The Newcastle Upon Tyne Hospitals NHS Foundation Trust"),
        ("boards_person", "Executive Chief Nurse", "David Purdue"),
    ],
)
def test_search_finds_records_by_names_former_names_and_codes(
    client, editor, admin_list, query, expected
):
    response = client.get(reverse(f"admin:{admin_list}_changelist"), {"q": query})
    assert response.status_code == 200
    assert expected in response.text
    assert response.context["cl"].result_count >= 1


def test_the_icb_page_shows_its_codes_board_and_sources(client, editor):
    board = IntegratedCareBoard.objects.get(ods_code="QHM")
    response = client.get(reverse("admin:systems_integratedcareboard_change", args=[board.pk]))
    assert response.status_code == 200
    for text in ["E54000050", "Sir Liam Donaldson", "Sub ICB Locations to Integrated Care"]:
        assert text in response.text


def test_a_change_is_recorded_with_who_and_when_and_can_be_reverted(client, editor):
    alliance = Organisation.objects.get(slug="black-country-vcse-alliance")
    url = reverse("admin:systems_organisation_change", args=[alliance.pk])
    data = post_data(client.get(url))
    data["website"] = "https://example.org/"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    alliance.refresh_from_db()
    assert alliance.website == "https://example.org/"
    latest = alliance.history.first()
    assert latest.history_user == editor
    assert latest.history_date.date() == date.today()
    assert latest.history_change_reason == "Edited in the admin"

    history_page = client.get(reverse("admin:systems_organisation_history", args=[alliance.pk]))
    assert "editor" in history_page.text

    original = alliance.history.earliest()
    assert original.history_change_reason.startswith("Loaded from the fixtures")
    revert_url = reverse(
        "admin:systems_organisation_simple_history", args=[alliance.pk, original.history_id]
    )
    assert client.post(revert_url, post_data(client.get(revert_url))).status_code == 302
    alliance.refresh_from_db()
    assert alliance.website == ""
    assert alliance.history.count() == 3
    assert alliance.history.first().history_change_reason == f"Reverted to change {original.pk}"


def test_the_admin_names_its_lists_in_plain_plurals_and_styles_its_breadcrumbs(client, editor):
    index = client.get(reverse("admin:index")).text
    assert "Council areas in ICBs" in index and "ICBs" in index
    assert "in an ICBs" not in index and "(as reported)s" not in index
    attention = client.get(reverse("needs_attention")).text
    assert '<ol class="breadcrumbs">' in attention
    board = IntegratedCareBoard.objects.get(ods_code="QHM")
    form = client.get(reverse("admin:systems_integratedcareboard_change", args=[board.pk])).text
    (count,) = re.findall(r'<input[^>]*name="patient_counts-0-count"[^>]*>', form)
    assert 'class="vBigIntegerField"' in count  # room for seven digits


def test_needs_attention_lists_unverified_names_and_stale_records(client, editor):
    IntegratedCareBoard.objects.filter(ods_code="QSL").update(last_checked=date(2020, 1, 1))
    response = client.get(reverse("needs_attention"))
    assert response.status_code == 200
    assert "Organisations: name not verified" in response.text
    assert "VCSE alliance (Black Country)" in response.text
    assert "Integrated care boards: not checked for six months (1)" in response.text
    assert "NHS Somerset Integrated Care Board" in response.text
    assert "No source" not in response.text  # every loaded record has one


def test_a_save_from_a_form_opened_before_another_editors_save_is_refused(client, editor):
    alliance = Organisation.objects.filter(kind="vcse_alliance").first()
    url = reverse("admin:systems_organisation_change", args=[alliance.pk])
    mine, theirs = post_data(client.get(url)), post_data(client.get(url))
    mine["website"] = "https://first.example/"
    assert client.post(url, mine).status_code == 302
    theirs["website"] = "https://second.example/"
    refused = client.post(url, theirs)
    assert refused.status_code == 200
    assert "was changed by editor on" in refused.text
    alliance.refresh_from_db()
    assert alliance.website == "https://first.example/"
    again = post_data(client.get(url))  # opened anew, it saves
    again["website"] = "https://second.example/"
    assert client.post(url, again).status_code == 302


def test_removing_a_source_is_in_the_history_and_a_revert_brings_it_back(client, editor):
    board = IntegratedCareBoard.objects.get(ods_code="QHM")
    before = set(board.sources.values_list("slug", flat=True))
    assert len(before) >= 2
    url = reverse("admin:systems_integratedcareboard_change", args=[board.pk])
    data = post_data(client.get(url))
    prefix = next(key[: -len("-0-source")] for key in data if key.endswith("-0-source"))
    removed = Source.objects.get(pk=data[f"{prefix}-0-source"]).slug
    data[f"{prefix}-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert set(board.sources.values_list("slug", flat=True)) == before - {removed}

    latest, loaded = board.history.order_by("-history_date")[:2]
    assert {link.source.slug for link in latest.sources.all()} == before - {removed}
    assert {link.source.slug for link in loaded.sources.all()} == before

    revert_url = reverse(
        "admin:systems_integratedcareboard_simple_history", args=[board.pk, loaded.history_id]
    )
    assert client.post(revert_url, post_data(client.get(revert_url))).status_code == 302
    assert set(board.sources.values_list("slug", flat=True)) == before
    newest = board.history.order_by("-history_date").first()
    assert {link.source.slug for link in newest.sources.all()} == before
