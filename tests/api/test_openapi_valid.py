"""The OpenAPI document at /api/v1/openapi.json is valid against the OpenAPI 3 specification.

Clients generate code from it and the fuzzer (tests/fuzz) reads it: an invalid document is a broken contract even
when every endpoint works. Found invalid at first: the report's and the calendar's non-JSON media types carried a
`description`, which an OpenAPI Media Type Object does not allow.
"""
from __future__ import annotations

import pytest
from openapi_spec_validator import validate

#: The fields an OpenAPI 3.0 Media Type Object may have (besides `x-` extensions).
MEDIA_TYPE_FIELDS = {"schema", "example", "examples", "encoding"}


@pytest.fixture
def spec(client) -> dict:
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    return answer.get_json()


def test_the_openapi_document_is_valid_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    validate(spec)  # raises OpenAPIValidationError naming the first invalid place


def test_no_media_type_carries_a_field_openapi_does_not_allow(spec):
    """The validator stops at the first `oneOf` it fails; this names every offending media type at once."""
    offending = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status, response in (operation.get("responses", {}) if isinstance(operation, dict) else {}).items():
                for media, body in response.get("content", {}).items():
                    if extra := sorted(k for k in body if k not in MEDIA_TYPE_FIELDS and not k.startswith("x-")):
                        offending.append((path, method, status, media, extra))
    assert offending == []


@pytest.mark.parametrize(("path", "media_types"), [
    ("/api/v1/action-plans/{plan_id}/report", {"application/json", "text/html", "text/markdown", "application/pdf",
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml."
                                               "document"}),
    ("/api/v1/forums/{forum_id}/calendar.ics", {"text/calendar"}),
])
def test_the_non_json_answers_are_still_documented_with_what_they_are(spec, path, media_types):
    """Making the document valid kept every format and its explanation (now the schema's description)."""
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]
    assert set(content) == media_types
    for media in media_types - {"application/json"}:
        assert content[media]["schema"]["type"] == "string"
        assert content[media]["schema"]["description"]
