"""A small JSON Schema checker for the subset the OpenAPI description uses (type, enum,
properties, required, items, oneOf, allOf, $ref, format date/date-time)."""

from __future__ import annotations

import datetime as dt

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def errors(value, schema: dict, components: dict, where: str = "$") -> list[str]:
    if "$ref" in schema:
        return errors(value, components[schema["$ref"].rsplit("/", 1)[1]], components, where)
    if "allOf" in schema:
        return [e for s in schema["allOf"] for e in errors(value, s, components, where)]
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not errors(value, s, components, where)]
        return [] if len(matching) == 1 else [f"{where}: matches {len(matching)} of oneOf"]
    found = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool))
            for k in kinds
        )
        if not ok:
            return [f"{where}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and schema.get("format") in ("date", "date-time"):
        try:
            parse = dt.date if schema["format"] == "date" else dt.datetime
            parse.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            found.append(f"{where}: {value!r} is not a {schema['format']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{where}: missing {name}")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                found += errors(value[name], sub, components, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], components, f"{where}[{i}]")
    return found
