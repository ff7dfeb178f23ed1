"""The OpenAPI schema is valid, and calls generated from it never meet a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["name"] == "Open Government Licence v3.0"
    paths = document["paths"]
    for resource in (
        "regions", "systems", "councils", "trusts", "sub-icb-locations", "partnerships",
        "places", "collaboratives", "successions", "clusters", "roles", "sources",
    ):  # fmt: skip
        assert f"/api/v1/{resource}/" in paths
    assert "/api/v1/systems/{code}/" in paths
    system_filters = {p["name"] for p in paths["/api/v1/systems/"]["get"]["parameters"]}
    assert {"q", "region", "on", "cluster", "designation", "order", "page"} <= system_filters


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go to the WSGI app directly, whose request signals would close the database
    connection (and with it the test's transaction); Django's test client disconnects them too."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# Loaded from the running app (the schema needs no database), called in-process.
contract = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@contract.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_calls_meet_no_server_error_and_match_the_schema(case):
    # The in-process client does not undo gzip; compressed answers: tests/test_open_data.py.
    response = case.call(headers={"Host": "localhost", "Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    # Filter values are checked against the data (region and cluster slugs, dates from 2013 to
    # five years ahead), which the schema gives in words: such a 400 is the documented answer.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
