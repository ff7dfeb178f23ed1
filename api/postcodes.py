"""Postcodes in the API: one postcode with its whole local system, up to 100 at once, and
partial postcodes with the councils and ICBs they span, as at ?on=."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from directory import postcodes as pages
from icsdir.pagecache import PerVersion
from sources.asat import as_at
from sources.licence import LINK_HEADER
from systems.postcodes import Elsewhere, tidy

from .built import represent
from .fields import absolute_url, origin
from .serializers import CouncilRef, contact_fields

MAX_BULK = 100
ON = OpenApiParameter(
    "on", OpenApiTypes.DATE, description="The date to answer for (default: today)."
)


# The references a postcode answer makes to councils, ICBs, regions and sub-ICB locations are
# the same on every date: written once per data version for each host (hosts: ALLOWED_HOSTS).
_references = PerVersion(dict)


def references(request):
    """Where the references to bodies that postcode answers make are kept: for the data version
    and host, or (when the version cannot be trusted) for this request alone. Shared between
    answers: change nothing within them."""
    kept = _references.get()
    return {} if kept is None else kept.setdefault(origin(request), {})


def council_refs(request, placements):
    """references(), with each council the placements name in it as the API refers to it
    elsewhere (CouncilRef) with its page: serialised together, once each, however many postcodes
    share it."""
    refs = references(request)
    councils = {
        council.pk: council
        for placement in placements
        for council in (placement.council, placement.county, *placement.former_councils)
        if council is not None and ("council", council.pk) not in refs
    }
    written = represent(CouncilRef, councils.values(), {"request": request}, many=True)
    for (pk, council), reference in zip(councils.items(), written, strict=True):
        refs["council", pk] = reference | {
            "html_url": absolute_url(request, "directory:council", council.slug)
        }
    return refs


def _once(refs, key, write):
    """refs[key], written by write() for the first postcode that names the body."""
    if key not in refs:
        refs[key] = write()
    return refs[key]


def placement_fields(request, placement, refs):
    """The answer for one placed postcode: its bodies on the date and how the ICB was decided.

    `refs`: council_refs() of the placements, to which the references to their ICBs, regions and
    sub-ICB locations are added as they are first written (a hundred postcodes name a few dozen
    bodies; answers for the same host share them)."""
    postcode, board = placement.postcode, placement.board
    system = board.system if board else None
    sub_icb = placement.sub_icb

    def council(body):
        return refs["council", body.pk] if body else None

    def icb():
        return {
            "code": board.ods_code,
            "name": board.legal_name,
            "system": system.name,
            "url": absolute_url(request, "api:system-detail", board.ods_code),
            "html_url": absolute_url(request, "directory:system", system.slug),
        }

    def region():
        region = system.region
        return {
            "code": region.ods_code,
            "name": region.name,
            "url": absolute_url(request, "api:region-detail", region.ods_code),
        }

    def sub_icb_location():
        return {
            "code": sub_icb.ods_code,
            "name": sub_icb.name,
            "url": absolute_url(request, "api:subicblocation-detail", sub_icb.ods_code),
        }

    return {
        "postcode": postcode.postcode,
        "on": placement.when.isoformat(),
        "country": "England",
        "longitude": postcode.longitude,
        "latitude": postcode.latitude,
        "council": council(placement.council),
        "former_councils": [council(c) for c in placement.former_councils],
        "county_council": council(placement.county),
        "icb": board and _once(refs, ("icb", board.pk), icb),
        "region": system and _once(refs, ("region", system.region_id), region),
        "sub_icb_location": sub_icb and _once(refs, ("sub-icb", sub_icb.pk), sub_icb_location),
        "decided_by": placement.method if board else None,
        "html_url": absolute_url(request, "directory:postcode", pages.slug_for(postcode.postcode)),
    }


def _found(text):
    """What `text` names, or the API's error for it."""
    text = tidy(text)
    kind, found = pages.find(text)
    if kind is None:
        raise exceptions.ValidationError(
            {"postcode": [f"“{text[:20]}” is not a postcode, like SR1 3QD, SR1 3 or SR1."]}
        )
    if kind == "outside" or isinstance(found, Elsewhere):
        country = found if kind == "outside" else found.country
        raise exceptions.NotFound(
            f"{text} is in {country}: integrated care boards cover England only."
        )
    if not found:
        raise exceptions.NotFound(f"{text} is not a live postcode in OS Code-Point Open (2025.2).")
    return text, kind, found


def _local_system(request, placement):
    local = pages.local_system(placement, members=False)
    if not local:
        return {}
    return {
        "contacts": [
            contact_fields(contact, reported)
            for reported in local["contacts"]
            for contact in reported.latest
        ],
        "partnerships": [icp.name for icp in local["partnerships"]],
        "vcse_alliances": [org.name for org in local["vcse"]],
        "healthwatch": [org.name for org in local["healthwatch"]],
        "places": [
            {"name": body.name, "url": absolute_url(request, "api:place-detail", body.slug)}
            for body in local["places"]
        ],
        "collaboratives": [
            {"name": body.name, "url": absolute_url(request, "api:collaborative-detail", body.slug)}
            for body in local["collaboratives"]
        ],
    }


@extend_schema(
    summary="A postcode, or part of one, on a date",
    description=(
        "A full postcode (any spacing or case) gives its council, county council, ICB, NHS "
        "region and sub-ICB location on ?on=, how the ICB was decided (`council`: the whole "
        "district lay in one ICB; `boundary`: the postcode's centre, on that date's ICB "
        "boundaries, where the district was divided), and who to contact around it. An outward "
        "code (SR1) or sector (SR1-3) gives the councils and ICBs it spans, with counts of "
        "postcodes. Outside England: 404 naming the country. Contains OS data © Crown "
        "copyright and database right 2025; Royal Mail data © Royal Mail copyright and database "
        "right 2025; National Statistics data © Crown copyright and database right 2025."
    ),
    parameters=[ON],
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def postcode(request, code):
    when = as_at(request, blank_is_today=False)
    unknown = sorted(set(request.query_params) - {"on"})
    if unknown:
        raise exceptions.ValidationError({unknown[0][:40]: ["Unknown parameter. Use: on."]})
    text, kind, found = _found(code.replace("-", " "))
    if kind == "area":
        councils, boards = pages.area_counts(found, when)
        body = {
            "area": text,
            "on": when.isoformat(),
            "postcodes": len(found),
            "councils": [
                {"code": s.body.ons_code, "name": s.body.name, "postcodes": s.count}
                for s in councils
            ],
            "icbs": [
                {"code": s.body.ods_code, "name": s.body.legal_name, "postcodes": s.count}
                for s in boards
            ],
        }
    else:
        (placement,) = pages.place([found], when)
        body = placement_fields(request, placement, council_refs(request, [placement]))
        body |= _local_system(request, placement)
    body["attribution"] = pages.ATTRIBUTION
    return Response(body, headers={"Link": LINK_HEADER})


@extend_schema(
    summary="Up to 100 postcodes at once",
    description=(
        'POST {"postcodes": ["SR1 3QD", ...]} (at most 100). Each result is the postcode '
        "answer without its contacts, or null with the reason."
    ),
    parameters=[ON],
    request=inline_serializer(
        "PostcodeBulkRequest",
        {"postcodes": serializers.ListField(child=serializers.CharField(), max_length=MAX_BULK)},
    ),
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
)
@api_view(["POST"])
@parser_classes([JSONParser])
def postcodes(request):
    when = as_at(request, blank_is_today=False)
    asked = request.data.get("postcodes") if isinstance(request.data, dict) else None
    if not isinstance(asked, list) or not all(isinstance(item, str) for item in asked):
        raise exceptions.ValidationError({"postcodes": ["Give a list of postcodes, as text."]})
    if len(asked) > MAX_BULK:
        raise exceptions.ValidationError({"postcodes": [f"At most {MAX_BULK} at once."]})
    found, errors = {}, {}
    for index, text in enumerate(asked):
        try:
            _, kind, answer = _found(text[:20])
            if kind != "postcode":
                raise exceptions.ValidationError("Give full postcodes, like SR1 3QD.")
            found[index] = answer
        except exceptions.APIException as exc:
            errors[index] = " ".join(_messages(exc.detail))
    placements = dict(zip(found, pages.place(list(found.values()), when), strict=True))
    refs = council_refs(request, placements.values())
    results = [
        {
            "query": text,
            "result": placement_fields(request, placements[i], refs) if i in placements else None,
            "error": errors.get(i),
        }
        for i, text in enumerate(asked)
    ]
    return Response(
        {"on": when.isoformat(), "results": results, "attribution": pages.ATTRIBUTION},
        headers={"Link": LINK_HEADER},
    )


def _messages(detail):
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]
