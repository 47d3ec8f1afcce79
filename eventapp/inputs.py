"""What comes in from the web is made safe for the database in one place.

- Ids: every `<int:...>` in a URL and every id read from a query string or form is a positive
  number the database can hold (PostgreSQL's integer; SQLite fails past 2**63). A larger one is
  simply "not found", never a server error.
- Search text: a LIKE pattern built in one place, its wildcards escaped and its length bounded
  (SQLite refuses a pattern over 50,000 bytes with an error).
- Rows named in a URL: a day, room, registration... named by id under an event must belong to
  that event (`owned_or_404`), so no URL reaches another event's rows.
- Text: NUL and the other control characters (but tab and line breaks) are removed from query
  strings, forms and URL parts before any view sees them. PostgreSQL refuses NUL in text, and no
  person types the others; stripping them keeps what the person meant to send.
"""

from __future__ import annotations

import re

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField

from eventapp.extensions import db

# The largest value of PostgreSQL's `integer`, the type of our primary keys.
MAX_ID = 2**31 - 1
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` limited to what the database holds, so a huge id is a 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bounded_int(value) -> int:
    """`type=` for request.args.get / form.get: a number within the database's range, else
    ValueError (which those getters turn into their default)."""
    number = int(value)
    if not -MAX_ID <= number <= MAX_ID:
        raise ValueError("out of range")
    return number


class BoundedIntegerField(IntegerField):
    """A number field whose value fits the database: a larger number is "not a valid number"
    next to the field (WTForms' NumberRange itself fails on a number too large for a float)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not -MAX_ID <= self.data <= MAX_ID:
            self.data = None
            raise ValueError(_l("This number is too large."))


def bounded_page(value) -> int:
    """A page number of a list: from 1 to a number whose offset the database can hold."""
    return min(max(bounded_int(value), 1), 10**6)


# No name, e-mail or code we search is longer than 300 characters, so a longer search text can
# match nothing its first 1,000 characters would not: cut there, the answer stays the same.
MAX_SEARCH = 1000


def like_pattern(text: str) -> str:
    """`%text%` for `func.lower(column).like(pattern, escape="\\")`: lower case, wildcards
    escaped, at most MAX_SEARCH characters of what was typed."""
    text = text.strip().lower()[:MAX_SEARCH]
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def _clean(values: ImmutableMultiDict) -> ImmutableMultiDict:
    if not any(CONTROL_CHARACTERS.search(v) for v in values.values() if isinstance(v, str)):
        return values  # the usual case: nothing to copy
    return ImmutableMultiDict(
        (key, without_control_characters(v) if isinstance(v, str) else v)
        for key, v in values.items(multi=True)
    )


def _clean_request(_endpoint, view_args: dict | None) -> None:
    """Runs first of all request hooks (an app-wide URL value preprocessor), before any
    blueprint's own preprocessor or view reads the values."""
    # Werkzeug keeps the parsed values on the request object: replace them once.
    request.__dict__["args"] = _clean(request.args)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        request.__dict__["form"] = _clean(request.form)
    for key, value in (view_args or {}).items():
        if isinstance(value, str):
            view_args[key] = without_control_characters(value)


def owned_or_404(model, item_id: int, event, *, key: str = "event_id"):
    """The row of `model` with this id if it belongs to `event` (its column `key` holds the
    owner's id; e.g. "organisation_id" for an organisation's row), else 404 (never another
    event's row: ids in URLs are guessable)."""
    item = db.session.get(model, item_id)
    if item is None or getattr(item, key) != event.id:
        abort(404)
    return item


def register_converters(app: Flask) -> None:
    """Before any blueprint adds its rules: they bind the converter when they are added."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_clean_request)
