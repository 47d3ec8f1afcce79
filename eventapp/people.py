"""How a person may appear: the one decision every page, export, report and e-mail goes through.

Many who register are human-rights defenders at risk. A registered participant chose how they
may be named to others (``naming``: "name" — name and organisation, "organisation" — their
organisation only, "anonymous" — "a participant") and who may see them on the list of
participants (``listed_to``: "nobody", "participants", "public"). Speakers listed by the
organisers on the agenda, and names typed by the organisers, are public by their role: they
come with no ``naming`` and are shown in full.

The function takes plain values (a name already in the reader's language, an organisation,
the consent choices, an audience and a language), so every layer can call it: the directory,
registration, interventions, agendas, outcomes and the API.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from eventapp.common import LabelledEnum


class FormOfAddress(LabelledEnum):
    """How Arabic speaks of a person: a woman facilitator is «الميسّرة», a man «الميسّر».
    Unspecified (the default) takes a neutral phrasing: nothing is guessed from a name."""

    UNSPECIFIED = "unspecified"
    FEMININE = "feminine"
    MASCULINE = "masculine"

    @classmethod
    def _labels(cls):
        return {
            "unspecified": _l("Not specified (neutral wording)"),
            "feminine": _l("Feminine (she)"),
            "masculine": _l("Masculine (he)"),
        }


class Audience(enum.Enum):
    PUBLIC = "public"  # anyone: public pages, live view, API, public .ics, published reports
    PARTICIPANTS = "participants"  # fellow participants of the event (their personal link)
    STAFF = "staff"  # organisers, facilitators, rapporteurs, administrators


NAME, ORGANISATION, ANONYMOUS = "name", "organisation", "anonymous"
NAMINGS = (NAME, ORGANISATION, ANONYMOUS)
# Who sees a person on the list of participants, by their list visibility.
LISTED_TO = {
    "nobody": {Audience.STAFF},
    "participants": {Audience.STAFF, Audience.PARTICIPANTS},
    "public": {Audience.STAFF, Audience.PARTICIPANTS, Audience.PUBLIC},
}


@dataclass(frozen=True)
class Shown:
    """What may be shown of a person: ``name`` (a name, an organisation standing for the
    person, or "a participant"), ``organisation`` (shown next to the name, "" when none may
    be), ``anonymous`` (True when the person is hidden behind "a participant")."""

    name: str
    organisation: str = ""
    anonymous: bool = False

    def __str__(self) -> str:
        return f"{self.name} — {self.organisation}" if self.organisation else self.name


def _value(choice) -> str | None:
    value = getattr(choice, "value", choice)
    return str(value).lower() if value else None


def anonymous_label(language: str | None = None) -> str:
    """ "A participant" / «أحد المشاركين», in ``language`` (or the request's)."""
    if language:
        with force_locale(language):
            return _("A participant")
    return _("A participant")


def shown(
    name: str | None,
    organisation: str | None,
    audience: Audience | str,
    *,
    naming=None,
    listed_to=None,
    language: str | None = None,
) -> Shown | None:
    """How a person appears to ``audience``.

    ``naming``: the person's consent for being named ("name", "organisation", "anonymous", or
    an enum with that value); None for a speaker or a name typed by the organisers (public
    by their role). ``listed_to``: their list visibility, given only when the question is
    whether they appear on a list of participants at all; then None is returned when this
    audience may not see them there. Staff see everyone in full.
    """
    audience = Audience(getattr(audience, "value", audience))
    name = (name or "").strip()
    organisation = (organisation or "").strip()
    if listed_to is not None and audience not in LISTED_TO.get(_value(listed_to), set()):
        return None
    choice = _value(naming)
    if audience == Audience.STAFF or listed_to is not None or choice in (None, NAME):
        if name:
            return Shown(name, organisation)
        if organisation:
            return Shown(organisation)
        return Shown(anonymous_label(language), anonymous=True)
    if choice == ORGANISATION and organisation:
        return Shown(organisation)
    return Shown(anonymous_label(language), anonymous=True)
