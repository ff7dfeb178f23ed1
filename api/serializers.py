"""What the API says of each record. Empty text the sources do not give is null: unknown."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boards.models import BoardMembership
from directory.reports import figure_on, map_changed_by, reported_on
from sources.models import Source
from systems import models
from systems.querysets import CODES, code_on, prefetched

from .fields import Link, absolute_url, council_code, origin, system_code


class UnknownAsNull(serializers.CharField):
    """Text that is empty when no source gives it: shown as null, meaning unknown."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


def other_names():
    return serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Other and former names."
    )


class Sourced(serializers.ModelSerializer):
    sources = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug", help_text="Slugs of /api/v1/sources/."
    )


def _on(serializer):
    return serializer.context["request"].on


# Lists write hundreds of nested records, and DRF's field-by-field writing of each cost more than
# the rest of an answer: the serializers below that lists nest declare their shape (for the
# schema and for tests) and write it out by hand.


def unchanging(serializer, key, write):
    """What write() gives for `key`: the fields of a record that do not change with the date,
    written once for the records kept for a data version (the context's "unchanging", as
    api.views.SystemViewSet gives it) or else for each answer. What it gives is shared between
    answers: copy it to add to it, and change nothing within it."""
    kept = serializer.context.get("unchanging")
    if kept is None:
        return write()
    if key not in kept:
        kept[key] = write()
    return kept[key]


def _date(value):
    return value.isoformat() if value else None


def _slugs(record):
    return [source.slug for source in prefetched(record, "sources")]


def _ref(request, view_name, code, name):
    """A reference to another resource: its code, name and API address."""
    return {"code": code, "name": name, "url": absolute_url(request, view_name, code)}


def system_ref(request, system):
    """SystemRef's fields."""
    return _ref(request, "api:system-detail", system.board.ods_code, system.name)


def dated_fields(record):
    return {"start_date": _date(record.start_date), "end_date": _date(record.end_date)}


def code_fields(code):
    """CodeSerializer's fields."""
    return {"code": code.ons_code, **dated_fields(code), "date_note": code.date_note or None}


def coded_fields(body, when):
    """The ONS code of a body (its prefetched `all_codes`) in force on `when`, and all of them."""
    code = code_on(body, when)
    return {
        "ons_code": code.ons_code if code else None,
        "ons_codes": [code_fields(each) for each in getattr(body, CODES)],
    }


class CodeSerializer(serializers.Serializer):
    code = serializers.CharField(source="ons_code")
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True, help_text="Exclusive: the first day without.")
    date_note = UnknownAsNull()

    def to_representation(self, code):
        return code_fields(code)


class CurrentCode(serializers.SerializerMethodField):
    """The ONS code in force on the request's date, from the body's prefetched `all_codes`."""

    def __init__(self, **kwargs):
        super().__init__(help_text="The ONS code in force on ?on=, if any.", **kwargs)

    def to_representation(self, body):
        code = code_on(body, _on(self.parent))
        return code.ons_code if code else None


extend_schema_field({"type": "string", "nullable": True})(CurrentCode)


class SystemRef(serializers.ModelSerializer):
    code = serializers.CharField(source="board.ods_code", help_text="The ICB's ODS code.")
    url = Link("api:system-detail", system_code)

    class Meta:
        model = models.IntegratedCareSystem
        fields = ["code", "name", "url"]

    def to_representation(self, system):
        return system_ref(self.context["request"], system)


class RegionRef(serializers.ModelSerializer):
    code = serializers.CharField(source="ods_code")
    url = Link("api:region-detail", lambda region: region.ods_code)

    class Meta:
        model = models.Region
        fields = ["code", "name", "url"]

    def to_representation(self, region):
        return _ref(self.context["request"], "api:region-detail", region.ods_code, region.name)


class RegionSerializer(Sourced):
    code = serializers.CharField(source="ods_code", help_text="NHS England's ODS Y-code.")
    url = Link("api:region-detail", lambda region: region.ods_code)
    html_url = Link("directory:region", lambda region: region.slug)
    ons_code = CurrentCode()
    ons_codes = CodeSerializer(source="all_codes", many=True)

    class Meta:
        model = models.Region
        fields = [
            "code", "url", "html_url", "name", "slug", "ons_code", "ons_codes", "sources",
            "last_checked",
        ]  # fmt: skip


class SuccessionSerializer(Sourced):
    predecessor = SystemRef(source="predecessor.system")
    successor = SystemRef(source="successor.system")

    class Meta:
        model = models.Succession
        fields = ["predecessor", "successor", "effective_on", "kind", "what_moved", "sources"]

    def to_representation(self, succession):
        request = self.context["request"]
        return {
            "predecessor": system_ref(request, succession.predecessor.system),
            "successor": system_ref(request, succession.successor.system),
            "effective_on": _date(succession.effective_on),
            "kind": succession.kind,
            "what_moved": succession.what_moved,
            "sources": _slugs(succession),
        }


class ContactSerializer(serializers.Serializer):
    """The shape of a contact report (for the schema); contact_fields() fills it."""

    kind = serializers.ChoiceField(choices=models.BoardContact.Kind.choices)
    value = serializers.CharField()
    qualifier = UnknownAsNull()
    reported_on = serializers.DateField(allow_null=True)
    reported_precision = UnknownAsNull(help_text="day, month or year; null when undated.")
    source_url = serializers.URLField()
    source_title = UnknownAsNull()
    current = serializers.BooleanField(
        help_text="The latest report of its kind on or before ?on= (several: sources differ)."
    )
    possibly_outdated = serializers.BooleanField(
        help_text="Current, but reported before the map last changed (on or before ?on=)."
    )


def contact_fields(contact, reported):
    """One report as ContactSerializer describes it; `reported`: its kind's Reported summary.

    Written out by hand: a nested serializer built for each ICB of a list cost more than the rest
    of the list together.
    """
    return {**report_fields(contact), **currency(contact, reported)}


def report_fields(contact):
    """A report's fields that do not change with the date ("current" and "possibly_outdated",
    which do, are None here, in place)."""
    return {
        "kind": contact.kind,
        "value": contact.value,
        "qualifier": contact.qualifier or None,
        "reported_on": contact.reported_on.isoformat() if contact.reported_on else None,
        "reported_precision": contact.reported_precision or None,
        "source_url": contact.source_url,
        "source_title": contact.source_title or None,
        "current": None,
        "possibly_outdated": None,
    }


def currency(contact, reported):
    """Whether a report is the latest of its kind on the date (`reported`: its kind's summary)."""
    current = contact in reported.latest
    return {"current": current, "possibly_outdated": current and reported.before_change}


class BoardSerializer(serializers.ModelSerializer):
    ons_code = CurrentCode()
    ons_codes = CodeSerializer(source="all_codes", many=True)
    registered_patients = serializers.IntegerField(
        allow_null=True,
        help_text="Patients registered at its GP practices: the count on or before ?on=.",
    )
    registered_patients_on = serializers.DateField(
        allow_null=True, help_text="The extract date of that count."
    )
    later_count_on = serializers.DateField(
        allow_null=True,
        help_text="When no count is on or before ?on=: the date of the first count after it.",
    )
    contacts = ContactSerializer(
        many=True,
        help_text="Websites, chair, chief executive and role contacts, each as a page reported it.",
    )
    contacts_not_known = serializers.ListField(
        child=serializers.CharField(),
        help_text="The kinds of contact no page reports on or before ?on= (suggest them).",
    )

    class Meta:
        model = models.IntegratedCareBoard
        fields = [
            "legal_name", "ods_code", "ons_code", "ons_codes", "start_date", "end_date",
            "registered_patients", "registered_patients_on", "later_count_on", "contacts",
            "contacts_not_known",
        ]  # fmt: skip

    def to_representation(self, board):
        when = _on(self)
        written = unchanging(self, ("board", board.pk), lambda: self.unchanging(board)).copy()
        code = code_on(board, when)
        figure = figure_on(board.patient_series, when)
        contacts = prefetched(board, "contacts")
        reported = reported_on(contacts, when, self.map_changed)
        by_kind = {summary.kind: summary for summary in reported}
        written["ons_code"] = code.ons_code if code else None
        written["registered_patients"] = figure.value.count if figure.value else None
        written["registered_patients_on"] = _date(figure.value and figure.value.extract_date)
        written["later_count_on"] = _date(figure.later and figure.later.extract_date)
        written["contacts"] = [
            dict(fields, **currency(contact, by_kind[contact.kind]))
            for contact, fields in zip(contacts, written["contacts"], strict=True)
        ]
        written["contacts_not_known"] = [summary.kind for summary in reported if not summary.latest]
        return written

    def unchanging(self, board):
        """Every field but those that depend on the date (None here, in place); its contacts'
        fields in the order of its prefetched contacts."""
        return {
            "legal_name": board.legal_name,
            "ods_code": board.ods_code,
            "ons_code": None,
            "ons_codes": [code_fields(code) for code in getattr(board, CODES)],
            **dated_fields(board),
            "registered_patients": None,
            "registered_patients_on": None,
            "later_count_on": None,
            "contacts": [report_fields(contact) for contact in prefetched(board, "contacts")],
            "contacts_not_known": None,
        }

    @property
    def map_changed(self):
        if "map_changed" not in self.context:
            self.context["map_changed"] = map_changed_by(_on(self))
        return self.context["map_changed"]


class SystemLinks(serializers.Serializer):
    """Lists of what is linked to one ICS, as at the request's date."""

    NAMES = {
        "councils": "api:council-list",
        "trusts": "api:trust-list",
        "sub_icb_locations": "api:subicblocation-list",
        "partnerships": "api:partnership-list",
        "places": "api:place-list",
        "collaboratives": "api:collaborative-list",
        "roles": "api:role-list",
    }

    def to_representation(self, system):
        request = self.context["request"]
        lists = self.lists(request)
        code = system.board.ods_code
        query = f"?system={code}&on={request.on.isoformat()}"
        links = {key: lists[key] + query for key in self.NAMES}
        links["successions"] = lists["successions"] + f"?code={code}"
        return links

    def lists(self, request):
        """The lists' URLs, worked out once for a request (a list of ICSs links each to all)."""
        known = self.context.get("list_urls")
        if known is None:
            names = self.NAMES | {"successions": "api:succession-list"}
            known = {key: absolute_url(request, name) for key, name in names.items()}
            self.context["list_urls"] = known
        return known


extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}
)(SystemLinks)


class BoardLink(serializers.ModelSerializer):
    """A dated link to an ICB: the ICB's system and the dates (and a model's own fields)."""

    system = SystemRef(source="board.system")

    class Meta:
        fields = ["system", "start_date", "end_date"]

    def to_representation(self, link):
        system = system_ref(self.context["request"], link.board.system)
        return {"system": system, **self.own_fields(link), **dated_fields(link)}

    def own_fields(self, link):
        return {}


class LocalAuthorityAreaSerializer(BoardLink):
    class Meta:
        model = models.LocalAuthorityArea
        fields = ["system", "share", "start_date", "end_date"]

    def own_fields(self, area):
        return {"share": self.fields["share"].to_representation(area.share)}


class TrustLocationSerializer(BoardLink):
    class Meta(BoardLink.Meta):
        model = models.TrustLocation


class TrustPartnerSerializer(BoardLink):
    class Meta(BoardLink.Meta):
        model = models.TrustPartner


class SubICBMembershipSerializer(BoardLink):
    class Meta(BoardLink.Meta):
        model = models.SubICBMembership


class ClusterMembershipSerializer(BoardLink):
    class Meta(BoardLink.Meta):
        model = models.ClusterMembership


class PrincipalBoard(serializers.ModelSerializer):
    system = SystemRef()
    in_force = serializers.SerializerMethodField(help_text="Whether the ICB exists on ?on=.")

    class Meta:
        model = models.IntegratedCareBoard
        fields = ["system", "legal_name", "start_date", "end_date", "in_force"]

    def get_in_force(self, board) -> bool:
        return board.in_force_on(_on(self))


class SystemSerializer(Sourced):
    code = serializers.CharField(source="board.ods_code", help_text="The ICB's ODS code.")
    url = Link("api:system-detail", system_code)
    html_url = Link("directory:system", lambda system: system.slug)
    other_names = other_names()
    region = RegionRef()
    designated = serializers.CharField(source="designation_display", allow_null=True)
    board = BoardSerializer()
    predecessors = SuccessionSerializer(source="board.successions_in", many=True)
    successors = SuccessionSerializer(source="board.successions_out", many=True)
    links = SystemLinks(source="*")

    class Meta:
        model = models.IntegratedCareSystem
        fields = [
            "code", "url", "html_url", "name", "slug", "other_names", "annex_number", "region",
            "start_date", "end_date", "designated", "board", "predecessors", "successors",
            "links", "sources", "last_checked",
        ]  # fmt: skip

    def to_representation(self, system):
        """The ICS's unchanging fields with its ICB and links as at the request's date."""
        request = self.context["request"]
        key = ("system", origin(request), system.pk)
        written = unchanging(self, key, lambda: self.unchanging(request, system)).copy()
        written["board"] = self.fields["board"].to_representation(system.board)
        written["links"] = self.fields["links"].to_representation(system)
        return written

    def unchanging(self, request, system):
        """Every field but the ICB and links, which depend on the date (None here, in place)."""
        board = system.board
        successions = self.fields["predecessors"].child
        return {
            "code": board.ods_code,
            "url": absolute_url(request, "api:system-detail", board.ods_code),
            "html_url": absolute_url(request, "directory:system", system.slug),
            "name": system.name,
            "slug": system.slug,
            "other_names": system.other_names,
            "annex_number": system.annex_number,
            "region": self.fields["region"].to_representation(system.region),
            **dated_fields(system),
            "designated": system.designation_display,
            "board": None,
            "predecessors": [
                successions.to_representation(s) for s in prefetched(board, "successions_in")
            ],
            "successors": [
                successions.to_representation(s) for s in prefetched(board, "successions_out")
            ],
            "links": None,
            "sources": _slugs(system),
            "last_checked": _date(system.last_checked),
        }


class InForceList(serializers.ListSerializer):
    """Prefetched dated links, keeping those in force on the request's date."""

    def to_representation(self, data):
        when = _on(self)
        return super().to_representation([link for link in data.all() if link.in_force_on(when)])


class CouncilRef(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(help_text="ONS code, or ODS LA code if it has none.")
    url = Link("api:council-detail", council_code)

    class Meta:
        model = models.LocalAuthority
        fields = ["code", "name", "url"]

    def get_code(self, council) -> str:
        return council_code(council)

    def to_representation(self, council):
        request = self.context["request"]
        return _ref(request, "api:council-detail", council_code(council), council.name)


class CouncilSerializer(Sourced):
    code = serializers.SerializerMethodField(help_text="ONS code, or ODS LA code if it has none.")
    url = Link("api:council-detail", council_code)
    html_url = Link("directory:council", lambda council: council.slug)
    other_names = other_names()
    ons_code = serializers.CharField(allow_null=True)
    ods_code = serializers.CharField(allow_null=True)
    areas = InForceList(
        child=LocalAuthorityAreaSerializer(),
        help_text="Its area in ICBs on ?on=.",
    )
    successor = CouncilRef(
        allow_null=True, help_text="The council that took over its area when it was abolished."
    )

    class Meta:
        model = models.LocalAuthority
        fields = [
            "code", "url", "html_url", "name", "other_names", "ons_code", "ods_code",
            "start_date", "end_date", "successor", "areas", "sources", "last_checked",
        ]  # fmt: skip

    def get_code(self, council) -> str:
        return council_code(council)

    def to_representation(self, council):
        request = self.context["request"]
        code, successor = council_code(council), council.successor
        return {
            "code": code,
            "url": absolute_url(request, "api:council-detail", code),
            "html_url": absolute_url(request, "directory:council", council.slug),
            "name": council.name,
            "other_names": council.other_names,
            "ons_code": council.ons_code,
            "ods_code": council.ods_code,
            **dated_fields(council),
            "successor": successor and self.fields["successor"].to_representation(successor),
            "areas": self.fields["areas"].to_representation(council.areas),
            "sources": _slugs(council),
            "last_checked": _date(council.last_checked),
        }


class TrustSerializer(Sourced):
    code = serializers.CharField(source="ods_code", help_text="ODS code.")
    url = Link("api:trust-detail", lambda trust: trust.ods_code)
    html_url = Link("directory:trust", lambda trust: trust.ods_code)
    principal_icb_2023 = PrincipalBoard(
        source="principal_board",
        allow_null=True,
        help_text=(
            "The ICB it was assigned to for financial apportionment in 2023, with that ICB's "
            "dates: `in_force` is false once the ICB was abolished."
        ),
    )
    headquarters_in = InForceList(
        source="locations",
        child=TrustLocationSerializer(),
        help_text=(
            "Derived: the ICB whose boundary holds its headquarters postcode on ?on= "
            "(ODS postcode, OS Code-Point Open position, ONS boundaries)."
        ),
    )
    partner_of = InForceList(
        source="partnerships",
        child=TrustPartnerSerializer(),
        help_text="ICBs naming it as a partner in their constitution, on ?on=.",
    )
    postcode = UnknownAsNull()

    class Meta:
        model = models.NHSTrust
        fields = [
            "code", "url", "html_url", "name", "postcode", "start_date", "end_date",
            "principal_icb_2023", "headquarters_in", "partner_of", "sources", "last_checked",
        ]  # fmt: skip


class SubICBSerializer(Sourced):
    code = serializers.CharField(source="ods_code", help_text="ODS code.")
    url = Link("api:subicblocation-detail", lambda sub_icb: sub_icb.ods_code)
    other_names = other_names()
    ons_code = CurrentCode()
    ons_codes = CodeSerializer(source="all_codes", many=True)
    memberships = SubICBMembershipSerializer(many=True, help_text="Its ICB, over time.")

    class Meta:
        model = models.SubICBLocation
        fields = [
            "code", "url", "name", "covers", "other_names", "ons_code", "ons_codes", "start_date",
            "end_date", "memberships", "sources", "last_checked",
        ]  # fmt: skip

    def to_representation(self, sub_icb):
        code = sub_icb.ods_code
        return {
            "code": code,
            "url": absolute_url(self.context["request"], "api:subicblocation-detail", code),
            "name": sub_icb.name,
            "covers": sub_icb.covers,
            "other_names": sub_icb.other_names,
            **coded_fields(sub_icb, _on(self)),
            **dated_fields(sub_icb),
            "memberships": self.fields["memberships"].to_representation(sub_icb.memberships),
            "sources": _slugs(sub_icb),
            "last_checked": _date(sub_icb.last_checked),
        }


class ReportSerializer(serializers.ModelSerializer):
    reported_on = serializers.DateField(
        allow_null=True, help_text="The date the page states (to `reported_precision`); null: none."
    )

    class Meta:
        model = models.Report
        fields = ["name", "reported_on", "reported_precision", "source_url", "source_title"]

    def to_representation(self, report):
        return {
            "name": report.name,
            "reported_on": _date(report.reported_on),
            "reported_precision": report.reported_precision,
            "source_url": report.source_url,
            "source_title": report.source_title,
        }


class NamedBodySerializer(Sourced):
    name_verified = serializers.BooleanField(
        help_text="False when no source gives this exact name."
    )
    other_names = other_names()
    reports = ReportSerializer(
        many=True,
        help_text=(
            "The pages that name it, latest dated first: the name each writes and the date it "
            "states. An undated report is what its page said, not a fact of ?on=."
        ),
    )


class PartnershipSerializer(NamedBodySerializer):
    url = Link("api:partnership-detail", lambda icp: icp.slug)
    system = SystemRef()
    parent = Link(
        "api:partnership-detail",
        lambda icp: icp.parent.slug if icp.parent else None,
        allow_null=True,
        help_text="The strategic ICP an area ICP sits under.",
    )
    membership_note = UnknownAsNull()

    class Meta:
        model = models.IntegratedCarePartnership
        fields = [
            "slug", "url", "name", "name_verified", "other_names", "level", "parent", "system",
            "start_date", "end_date", "membership_note", "reports", "sources", "last_checked",
        ]  # fmt: skip


class PartnershipSystemSerializer(serializers.ModelSerializer):
    system = SystemRef()

    class Meta:
        model = models.PartnershipSystem
        fields = ["system", "start_date", "end_date"]

    def to_representation(self, link):
        return {"system": system_ref(self.context["request"], link.system), **dated_fields(link)}


class TrustRef(serializers.ModelSerializer):
    code = serializers.CharField(source="ods_code")
    url = Link("api:trust-detail", lambda trust: trust.ods_code)

    class Meta:
        model = models.NHSTrust
        fields = ["code", "name", "url"]

    def to_representation(self, trust):
        return _ref(self.context["request"], "api:trust-detail", trust.ods_code, trust.name)


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Organisation
        fields = ["name", "kind"]

    def to_representation(self, member):
        return {"name": member.name, "kind": member.kind}


class LocalPartnershipSerializer(NamedBodySerializer):
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    focus = serializers.CharField(
        help_text="A provider collaborative's services; empty for a place.", allow_blank=True
    )
    systems = InForceList(
        source="system_links",
        child=PartnershipSystemSerializer(),
        help_text="The ICS (or ICSs) it works in on ?on=.",
    )
    system_history = PartnershipSystemSerializer(
        source="system_links",
        many=True,
        help_text="Its ICSs over time: one of an ICS abolished in 2026 moves to its successor.",
    )
    councils = CouncilRef(many=True, help_text="The council areas a source says it covers.")
    trusts = TrustRef(many=True, help_text="Its NHS trust members, as a source names them.")
    other_members = MemberSerializer(many=True, help_text="Members that are not NHS trusts.")

    class Meta:
        model = models.LocalPartnership
        fields = [
            "slug", "url", "html_url", "name", "name_verified", "other_names", "kind", "focus",
            "systems", "system_history", "councils", "trusts", "other_members", "reports",
            "sources", "last_checked",
        ]  # fmt: skip

    def get_url(self, body) -> str:
        return absolute_url(self.context["request"], f"api:{body.kind}-detail", body.slug)

    def get_html_url(self, body) -> str:
        return self.context["request"].build_absolute_uri(body.get_absolute_url())

    def to_representation(self, body):
        many = {name: self.fields[name] for name in ("councils", "trusts", "other_members")}
        return {
            "slug": body.slug,
            "url": self.get_url(body),
            "html_url": self.get_html_url(body),
            "name": body.name,
            "name_verified": body.name_verified,
            "other_names": body.other_names,
            "kind": body.kind,
            "focus": body.focus,
            "systems": self.fields["systems"].to_representation(body.system_links),
            "system_history": self.fields["system_history"].to_representation(body.system_links),
            **{name: field.to_representation(getattr(body, name)) for name, field in many.items()},
            "reports": self.fields["reports"].to_representation(body.reports),
            "sources": _slugs(body),
            "last_checked": _date(body.last_checked),
        }


class ClusterSerializer(Sourced):
    url = Link("api:cluster-detail", lambda cluster: cluster.slug)
    announced = serializers.CharField(source="announced_display", allow_null=True)
    rule = serializers.CharField(source="RULE")
    members = ClusterMembershipSerializer(source="memberships", many=True)

    class Meta:
        model = models.Cluster
        fields = [
            "slug", "url", "name", "status", "announced", "rule", "members", "sources",
            "last_checked",
        ]  # fmt: skip


class RoleSerializer(Sourced):
    person = serializers.CharField(source="person.name", help_text="As the source names them.")
    role_label = serializers.CharField(source="get_role_display")
    system = SystemRef(source="board.system")
    represents = UnknownAsNull()

    class Meta:
        model = BoardMembership
        fields = [
            "person", "role", "role_label", "title", "represents", "system", "start_date",
            "end_date", "sources", "last_checked",
        ]  # fmt: skip


class SourceSerializer(serializers.ModelSerializer):
    url = Link("api:source-detail", lambda source: source.slug)
    published_at = UnknownAsNull(source="url", help_text="Where it was published, if known.")
    publisher = UnknownAsNull()
    licence = UnknownAsNull()
    notes = UnknownAsNull()

    class Meta:
        model = Source
        fields = [
            "slug", "url", "title", "kind", "publisher", "vintage", "licence", "file_name",
            "published_at", "notes",
        ]  # fmt: skip


class PracticeSerializer(Sourced):
    code = serializers.CharField(source="ods_code", help_text="ODS code.")
    url = Link("api:practice-detail", lambda practice: practice.ods_code)
    html_url = Link("directory:practice", lambda practice: practice.ods_code)
    pcn = serializers.SerializerMethodField(help_text="Its primary care network.")
    sub_icb_location = Link("api:subicblocation-detail", lambda practice: practice.sub_icb.ods_code)
    icb = SystemRef(
        source="board.system", help_text="The ICB that commissions its registered patients' care."
    )
    mapped_on = serializers.DateField(help_text="The extract date of the practice mapping.")

    class Meta:
        model = models.GPPractice
        fields = [
            "code", "url", "html_url", "name", "postcode", "pcn", "sub_icb_location", "icb",
            "mapped_on", "sources", "last_checked",
        ]  # fmt: skip

    def get_pcn(self, practice) -> dict | None:
        pcn = practice.pcn
        return pcn and {"code": pcn.ods_code, "name": pcn.name}
