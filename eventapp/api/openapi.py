"""The OpenAPI 3.1 description of API v1 (served at /api/v1/openapi.json; tests validate
every response against these schemas)."""

from __future__ import annotations

from eventapp.inputs import MAX_ID

S = {"type": "string"}
NS = {"type": ["string", "null"]}
I = {"type": "integer"}  # noqa: E741
NI = {"type": ["integer", "null"]}
B = {"type": "boolean"}
# An id in a URL or a filter: what the database holds (a larger one is simply not found).
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def _obj(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


SCHEMAS = {
    "Event": _obj(
        {
            "id": I,
            "slug": S,
            "title": S,
            "title_ar": NS,
            "title_en": NS,
            "description": S,
            "kind": S,
            "kind_label": S,
            "status": {"type": "string", "enum": ["published", "archived", "draft"]},
            "archived": B,
            "timezone": S,
            "first_day": {"type": "string", "format": "date"},
            "last_day": {"type": "string", "format": "date"},
            "dates_label": S,
            "venue": S,
            "city": S,
            "country": NS,
            "attendance_mode": {"type": "string", "enum": ["in_person", "online", "hybrid"]},
            "attendance_mode_label": S,
            "use_arabic_digits": B,
            "show_hijri": B,
            "version": I,
            "changed_at": {"type": "string", "format": "date-time"},
        }
    ),
    "Room": _obj({"id": I, "name": S, "name_ar": S, "name_en": NS, "capacity": NI}),
    "SessionPerson": _obj(
        {
            "person_id": I,
            "name": S,
            "role": {
                "type": "string",
                "enum": [
                    "chair",
                    "moderator",
                    "facilitator",
                    "presenter",
                    "panellist",
                    "discussant",
                    "rapporteur",
                ],
            },
            "role_label": S,
            "runs_session": B,
            "organisation": S,
            "organisation_id": NI,
            "position": S,
        }
    ),
    "Session": _obj(
        {
            "id": I,
            "day_id": I,
            "date": {"type": "string", "format": "date"},
            "start": S,
            "end": S,
            "start_label": S,
            "end_label": S,
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "starts_utc": {"type": "string", "format": "date-time"},
            "ends_utc": {"type": "string", "format": "date-time"},
            "duration_minutes": I,
            "room": {
                "oneOf": [{"type": "null"}, _obj({"id": I, "name": S, "name_ar": S, "name_en": NS})]
            },
            "kind": {
                "type": "string",
                "enum": [
                    "opening",
                    "panel",
                    "plenary",
                    "discussion",
                    "working_group",
                    "break",
                    "closing",
                ],
            },
            "kind_label": S,
            "title": S,
            "title_ar": NS,
            "title_en": NS,
            "description": S,
            "description_ar": NS,
            "description_en": NS,
            "guiding_question": S,
            "guiding_question_ar": NS,
            "guiding_question_en": NS,
            "runners": _list(_ref("SessionPerson")),
            "speakers": _list(_ref("SessionPerson")),
            "people": _list(_ref("SessionPerson")),
        }
    ),
    "Day": _obj(
        {
            "id": I,
            "date": {"type": "string", "format": "date"},
            "number": I,
            "number_label": S,
            "label": S,
            "short_label": S,
            "title": S,
            "title_ar": NS,
            "title_en": NS,
            "notes": S,
            "session_ids": _list(I),
        }
    ),
    "Speaker": _obj(
        {
            "id": I,
            "name": S,
            "name_ar": NS,
            "name_en": NS,
            "honorific": S,
            "position": S,
            "position_ar": NS,
            "position_en": NS,
            "bio": S,
            "organisation_id": NI,
            "organisation": S,
            "sessions": _list(I),
        }
    ),
    "Organisation": _obj(
        {
            "id": I,
            "name": S,
            "name_ar": NS,
            "name_en": NS,
            "acronym": NS,
            "display_name": S,
            "kind": S,
            "kind_label": S,
            "country": NS,
            "people": _list(I),
            "roles": _list(_obj({"role": S, "label": S})),
        }
    ),
    "EventListItem": _obj(
        {
            "slug": S,
            "title_ar": NS,
            "title_en": NS,
            "first_day": {"type": "string", "format": "date"},
            "last_day": {"type": "string", "format": "date"},
            "timezone": S,
            "kind": S,
            "version": I,
            "archived": B,
        }
    ),
    "Error": _obj({"error": S, "message": S}),
}

DAY_WITH_SESSIONS = {
    "allOf": [_ref("Day"), _obj({"sessions": _list(_ref("Session"))})],
}

# Response body schema of each path (the test suite validates against these).
RESPONSES = {
    "/events": _obj({"events": _list(_ref("EventListItem"))}),
    "/events/{slug}": _obj(
        {
            "event": _ref("Event"),
            "language": {"type": "string", "enum": ["ar", "en"]},
            "days": _list(_ref("Day")),
            "rooms": _list(_ref("Room")),
        }
    ),
    "/events/{slug}/days": _obj({"days": _list(DAY_WITH_SESSIONS)}),
    "/events/{slug}/rooms": _obj({"rooms": _list(_ref("Room"))}),
    "/events/{slug}/sessions": _obj({"sessions": _list(_ref("Session"))}),
    "/events/{slug}/sessions/{session_id}": _obj({"session": _ref("Session")}),
    "/events/{slug}/speakers": _obj({"speakers": _list(_ref("Speaker"))}),
    "/events/{slug}/speakers/{person_id}": _obj(
        {"speaker": _ref("Speaker"), "sessions": _list(_ref("Session"))}
    ),
    "/events/{slug}/organisations": _obj({"organisations": _list(_ref("Organisation"))}),
}

SUMMARIES = {
    "/events": "Published and archived events (archived: true)",
    "/events/{slug}": "One event with its days and rooms",
    "/events/{slug}/days": "The days of an event with their sessions",
    "/events/{slug}/rooms": "The rooms of an event",
    "/events/{slug}/sessions": "Sessions, filtered by day, room, kind or a search",
    "/events/{slug}/sessions/{session_id}": "One session",
    "/events/{slug}/speakers": "The people with a role in the programme",
    "/events/{slug}/speakers/{person_id}": "One speaker and their sessions",
    "/events/{slug}/organisations": "Organisations taking part (partners and speakers')",
}


_BAD_FILTER = "An id; anything but a whole number within range is answered 400."


def _responses(path: str, schema: dict) -> dict:
    responses = {
        "200": {
            "description": "OK. Carries ETag and Last-Modified; send "
            "If-None-Match to get 304 Not Modified while nothing changed.",
            "content": {"application/json": {"schema": schema}},
        },
        "304": {"description": "Not modified"},
        "404": {
            "description": "No such published event, session or speaker",
            "content": {"application/json": {"schema": _ref("Error")}},
        },
    }
    if path == "/events/{slug}/sessions":
        responses["400"] = {
            "description": "A day or room filter that is not an id",
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    return responses


def _parameters(path: str) -> list[dict]:
    params = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": S if name == "slug" else ID,
        }
        for name in ("slug", "session_id", "person_id")
        if "{" + name + "}" in path
    ]
    if path != "/events":
        params.append(
            {
                "name": "lang",
                "in": "query",
                "description": "Language of the localised fields (ar or en); each falls back "
                "to the other language when empty. Default: Arabic.",
                "schema": {"type": "string", "enum": ["ar", "en"]},
            }
        )
    if path == "/events/{slug}/sessions":
        params += [
            {"name": "day", "in": "query", "schema": ID, "description": _BAD_FILTER},
            {"name": "room", "in": "query", "schema": ID, "description": _BAD_FILTER},
            {"name": "kind", "in": "query", "schema": S},
            {"name": "q", "in": "query", "description": "Search words", "schema": S},
        ]
    return params


def openapi_document(server: str) -> dict:
    paths = {}
    for path, schema in RESPONSES.items():
        paths[path] = {
            "get": {
                "summary": SUMMARIES[path],
                "parameters": _parameters(path),
                "responses": _responses(path, schema),
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Multaqa API",
            "version": "1",
            "description": "Read-only agenda of published events, and of archived ones (the "
            "public record, flagged archived: true). Speakers' contact details are never exposed.",
        },
        "servers": [{"url": server + "/api/v1"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
