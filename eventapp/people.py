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


def form_of(value) -> FormOfAddress:
    """A form of address from an enum member, its value, or nothing (unspecified)."""
    value = getattr(value, "value", value)
    try:
        return FormOfAddress(str(value).lower()) if value else FormOfAddress.UNSPECIFIED
    except ValueError:
        return FormOfAddress.UNSPECIFIED


def form_value(value) -> str:
    """A form field's value: the member's value ("feminine"...), or what was sent (so that
    an unknown value fails the choice's validation rather than being taken)."""
    value = getattr(value, "value", value)
    return str(value) if value else FormOfAddress.UNSPECIFIED.value


# What a spreadsheet may say in a "form of address" column (lowered); blank: unspecified.
FORM_WORDS = {
    "f": FormOfAddress.FEMININE,
    "feminine": FormOfAddress.FEMININE,
    "female": FormOfAddress.FEMININE,
    "مؤنث": FormOfAddress.FEMININE,
    "مؤنّث": FormOfAddress.FEMININE,
    "أنثى": FormOfAddress.FEMININE,
    "m": FormOfAddress.MASCULINE,
    "masculine": FormOfAddress.MASCULINE,
    "male": FormOfAddress.MASCULINE,
    "مذكر": FormOfAddress.MASCULINE,
    "مذكّر": FormOfAddress.MASCULINE,
    "ذكر": FormOfAddress.MASCULINE,
    "unspecified": FormOfAddress.UNSPECIFIED,
    "neutral": FormOfAddress.UNSPECIFIED,
}


def parse_form(text) -> FormOfAddress | None:
    """A form of address as typed in a spreadsheet cell; None when it is not understood."""
    text = (str(text) if text is not None else "").strip().lower()
    if not text:
        return FormOfAddress.UNSPECIFIED
    return FORM_WORDS.get(text)


def is_feminine(form) -> bool:
    return form_of(form) is FormOfAddress.FEMININE


def gendered(form, *, feminine, masculine, neutral) -> str:
    """The wording that speaks of a person with this form of address, as text.

    The one rule of gendered wording: every text said of a person (a role next to a name, a
    message with the person's name, a badge, a certificate) is written three times, as the
    same msgid under the gettext contexts "feminine", "masculine" and "neutral"
    (``lazy_pgettext("feminine", "Facilitator")`` ...), and this function picks one:

    - feminine: the feminine form («الميسّرة», «ما زالت … تتحدث»);
    - masculine: the masculine form («الميسّر», «ما زال … يتحدث»);
    - unspecified (the default, and anything unknown): a neutral phrasing, never a guess from
      the name and never a slash form: the role as the noun of its activity («تيسير الجلسة:
      …»), or a sentence built around the act rather than the person («ما زالت مداخلة …
      جارية»).

    English reads the same for the three (its catalogue has each msgid as its own text). Pass
    lazy strings: only the chosen one is translated. A text that can be worded in Arabic with
    no verb or adjective agreeing with the person («تسجيلك قائم بالفعل», «بقراءة %(name)s»)
    needs no contexts at all: prefer that where it reads naturally.
    """
    chosen = {FormOfAddress.FEMININE: feminine, FormOfAddress.MASCULINE: masculine}.get(
        form_of(form), neutral
    )
    return str(chosen)


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
