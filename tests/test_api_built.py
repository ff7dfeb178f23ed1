"""API serializers made once per thread (api.built) answer each request for its own date."""

import threading
from datetime import date

import orjson
import pytest
from rest_framework.renderers import JSONRenderer

from api import built, serializers
from api.renderers import FastJSONRenderer
from systems.models import IntegratedCareSystem

pytestmark = pytest.mark.django_db


def test_one_serializer_a_class_and_thread_and_no_request_left_on_it(client):
    first = client.get("/api/v1/systems/", {"on": "2023-01-01", "page_size": 100}).json()
    later = client.get("/api/v1/systems/", {"on": "2026-12-01", "page_size": 100}).json()
    kept = built._serializer(serializers.SystemSerializer)
    assert built._serializer(serializers.SystemSerializer) is kept
    assert kept._context == {}  # the last request's context was taken off
    other = []
    thread = threading.Thread(
        target=lambda: other.append(built._serializer(serializers.SystemSerializer))
    )
    thread.start()
    thread.join()
    assert other[0] is not kept  # another thread (the development server's) has its own

    # Each answer is for its own date, down to the nested ICB.
    on = IntegratedCareSystem.objects.on
    assert first["count"] == on(date(2023, 1, 1)).count() != later["count"]
    assert later["count"] == on(date(2026, 12, 1)).count()
    assert {s["board"]["registered_patients_on"] for s in first["results"]} != {
        s["board"]["registered_patients_on"] for s in later["results"]
    }
    surrey = {s["slug"]: s for s in first["results"]}["surrey-heartlands"]
    assert surrey["links"]["councils"].endswith("&on=2023-01-01")


def test_a_failing_answer_leaves_no_context_behind(monkeypatch):
    def fail(self, record):
        raise RuntimeError("broken")

    monkeypatch.setattr(serializers.SourceSerializer, "to_representation", fail)
    with pytest.raises(RuntimeError):
        built.represent(
            serializers.SourceSerializer, [object()], {"request": "a request"}, many=True
        )
    assert built._serializer(serializers.SourceSerializer)._context == {}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/systems/?on=2023-01-01",
        "/api/v1/systems/QHM/",
        "/api/v1/councils/?system=QHM",
        "/api/v1/postcodes/SR13QD/",
        "/api/v1/systems/?region=nowhere",
    ],
)
def test_the_json_is_the_bytes_drf_writes_and_pretty_when_asked(client, path):
    answer = client.get(path)
    assert answer.content == JSONRenderer().render(answer.json())
    pretty = client.get(path, headers={"accept": "application/json; indent=2"})
    assert pretty.content.startswith(b'{\n  "') and pretty.json() == answer.json()


@pytest.mark.parametrize(
    "name",
    [
        "one\u2028two\u2029three",
        "only a paragraph\u2029separator",
        "an en dash \u2013 and \u2019 quotes",
    ],
)
def test_line_and_paragraph_separators_are_escaped_as_drf_escapes_them(name):
    data = {"name": name, "on": date(2025, 1, 1), 2: "a key"}
    written = FastJSONRenderer().render(data)
    assert written == JSONRenderer().render(data)
    assert "\u2028".encode() not in written and "\u2029".encode() not in written
    assert orjson.loads(written)["name"] == name
