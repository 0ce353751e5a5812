"""The OpenAPI 3.1 description of the read-only advisories API."""

from __future__ import annotations

from typing import Any

from ethicsdesk.publications.queries import MAX_ID

_REF = {"$ref": "#/components/schemas/Advisory"}
_STRING_OR_NULL = {"type": ["string", "null"]}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
CONDITION_STATUSES = ["open", "overdue", "met", "not_met"]
_QUERY = [
    {"name": name, "in": "query", "required": False, "schema": schema}
    for name, schema in (
        ("q", {"type": "string"}),
        ("outcome", {"type": "string", "enum": ["favourable", "favourable_with_conditions",
                                                "postponed", "unfavourable"]}),
        ("category", {"type": "string"}),
        ("vendor", {"type": "string"}),
        ("school", {"type": "integer", "minimum": 1,
                    "description": "A school's id: advisories on cases that name this school"}),
        ("value", {"type": "string", "description": "A compass value id (e.g. privacy): "
                   "advisories that list it among their values of concern"}),
        ("year", {"type": "integer"}),
        ("validity", {"type": "string", "enum": ["valid", "due"]}),
        ("sort", {"type": "string", "enum": ["newest", "re_evaluation", "relevance"]}),
        ("page", {"type": "integer", "minimum": 1}),
    )
]  # fmt: skip

ADVISORY = {
    "type": "object",
    "required": ["id", "number", "version", "title", "vendor", "schools", "outcome", "summary",
                 "values_of_concern", "conditions", "re_evaluation_date", "issued_on",
                 "visibility", "published_at", "retracted", "retraction_reason", "url"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer"}, "number": {"type": "string"}, "version": {"type": "integer"},
        "title": {"type": "string"}, "vendor": {"type": "string"},
        "schools": {"type": "array", "items": {"type": "string"},
                    "description": "The schools the reviewed case names"},
        "outcome": {"type": "string", "enum": ["favourable", "favourable_with_conditions",
                                               "postponed", "unfavourable"]},
        "summary": {"type": "string"},
        "values_of_concern": {"type": "array", "items": {"type": "string"},
                              "description": "Compass value ids the committee's assessment "
                                             "flagged: a strong or unmitigated harm, or a "
                                             "negative net impact"},
        "conditions": {"type": "array", "items": {
            "type": "object", "required": ["text", "owner", "due_date", "status"],
            "additionalProperties": False,
            "properties": {"text": {"type": "string"}, "owner": {"type": "string"},
                           "due_date": _DATE_OR_NULL,
                           "status": {"type": "string", "enum": CONDITION_STATUSES,
                                      "description": "overdue: open and past its due date"}}}},
        "re_evaluation_date": _DATE_OR_NULL, "issued_on": _DATE_OR_NULL,
        "visibility": {"type": "string", "enum": ["internal", "public"]},
        "published_at": {"type": "string", "format": "date-time"},
        "retracted": {"type": "boolean"},
        "retraction_reason": _STRING_OR_NULL, "url": {"type": "string"},
    },
}  # fmt: skip

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "EthicsDesk advisories", "version": "1.0.0",
             "description": "Published advisories of the ethics committee (read only). "
                            "Anonymous callers see public advisories only."},
    "paths": {
        "/api/v1/advisories": {"get": {
            "summary": "Search published advisories", "operationId": "listAdvisories",
            "parameters": _QUERY,
            "responses": {"200": {"description": "One page of advisories", "content": {
                "application/json": {"schema": {
                    "type": "object", "required": ["items", "page", "has_next"],
                    "properties": {"items": {"type": "array", "items": _REF},
                                   "page": {"type": "integer"},
                                   "has_next": {"type": "boolean"}}}}}}},
        }},
        "/api/v1/advisories/{id}": {"get": {
            "summary": "One published advisory", "operationId": "getAdvisory",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}],
            "responses": {
                "200": {"description": "The advisory", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Advisory"}}}},
                "404": {"description": "No such advisory, or not visible to this caller",
                        "content": {"application/json": {"schema": {
                            "type": "object", "required": ["error"],
                            "properties": {"error": {"type": "string"}}}}}},
            },
        }},
    },
    "components": {"schemas": {"Advisory": ADVISORY}},
}  # fmt: skip
