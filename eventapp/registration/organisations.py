"""The organisation a registrant types, matched against the shared directory (speakers)."""

from __future__ import annotations

import functools
import time

from flask import current_app
from markupsafe import Markup
from sqlalchemy import String, bindparam, func, or_, select

from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.registration.checks import clean_text
from eventapp.speakers.models import Organisation


@functools.cache
def organisation_match_statement():
    """Built once: every sign-up runs it, and building the expression costs more than the query."""
    lowered = bindparam("lowered", type_=String)
    with_acronym = [
        func.lower(name + " (" + Organisation.acronym + ")")
        for name in (Organisation.name_ar, Organisation.name_en)
    ]
    return (
        select(Organisation.id)
        .where(
            or_(
                func.lower(Organisation.name_ar) == lowered,
                func.lower(Organisation.name_en) == lowered,
                func.lower(Organisation.acronym) == lowered,
                *(expression == lowered for expression in with_acronym),
            )
        )
        .order_by(Organisation.id)
        .limit(1)
    )


def match_organisation(text: str | None) -> tuple[int | None, str | None]:
    """A typed organisation: the directory entry it names, else the text as typed.

    Matches a name (Arabic or English), an acronym, or "Name (ACRONYM)" as the form's list
    offers it, ignoring case; one query.
    """
    text = clean_text(text)
    if not text:
        return None, None
    found = db.session.scalar(organisation_match_statement(), {"lowered": text.lower()})
    return organisation_fields(text, found)


def organisation_fields(text: str | None, found_id: int | None) -> tuple[int | None, str | None]:
    """(organisation_id, organisation_name) of a registration: the directory entry, else the
    text as typed."""
    if found_id is not None:
        return found_id, None
    return None, text[:300] if text else None


_NAMES_CACHE: dict[str, tuple[float, Markup]] = {}
NAMES_CACHE_SECONDS = 30


def organisation_options() -> Markup:
    """<option>s of the names offered while typing the organisation (the shared directory),
    as matched by match_organisation: "Name (ACRONYM)" in the reader's language.

    Kept 30 s per worker: the public form is the busiest page, and an organisation added
    meanwhile is still matched when the form is sent."""
    language = current_language()
    cached = _NAMES_CACHE.get(language)
    if cached and cached[0] > time.monotonic() and not current_app.testing:
        return cached[1]
    options = Markup("").join(
        Markup('<option value="{}">').format(name) for name in _organisation_names(language)
    )
    _NAMES_CACHE[language] = (time.monotonic() + NAMES_CACHE_SECONDS, options)
    return options


def _organisation_names(language: str) -> list[str]:
    rows = db.session.execute(
        select(Organisation.name_ar, Organisation.name_en, Organisation.acronym).order_by(
            func.coalesce(Organisation.name_ar, Organisation.name_en)
        )
    ).all()
    first, second = (1, 0) if language == "en" else (0, 1)
    names = []
    for row in rows:
        name = row[first] or row[second] or ""
        names.append(f"{name} ({row.acronym})" if row.acronym else name)
    return names
