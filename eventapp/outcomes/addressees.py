"""To whom a recommendation is addressed: a kind of organisation ("parliaments"), a named
organisation of the directory, free text, or a mix of them. ``addressee_label`` is the one
place that turns them into text (pages, exports, PDFs); ``addressee_groups`` is how the
outcome summary groups recommendations by addressee."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from eventapp.i18n import localized, shown_text
from eventapp.speakers.models import OrganisationKind

# The kinds in the plural, as an addressee ("Parliaments — Shura Council").
KIND_PLURALS = {
    OrganisationKind.NGO: _l("Non-governmental organisations"),
    OrganisationKind.UN_BODY: _l("UN bodies"),
    OrganisationKind.NHRI: _l("National human-rights institutions"),
    OrganisationKind.GOVERNMENT: _l("Governments and ministries"),
    OrganisationKind.MEDIA: _l("The media"),
    OrganisationKind.ACADEMIC: _l("Academic bodies"),
    OrganisationKind.PARLIAMENT: _l("Parliaments"),
    OrganisationKind.NETWORK: _l("Networks and alliances"),
    OrganisationKind.INTERGOVERNMENTAL: _l("Intergovernmental organisations"),
    OrganisationKind.COMPANY: _l("Companies (technology, media)"),
    OrganisationKind.TRADE_UNION: _l("Trade unions"),
    OrganisationKind.OTHER: _l("Other organisations"),
}

# The heading of a kind's group in the outcome summary.
KIND_HEADINGS = {
    OrganisationKind.NGO: _l("To non-governmental organisations"),
    OrganisationKind.UN_BODY: _l("To UN bodies"),
    OrganisationKind.NHRI: _l("To national human-rights institutions"),
    OrganisationKind.GOVERNMENT: _l("To governments and ministries"),
    OrganisationKind.MEDIA: _l("To the media"),
    OrganisationKind.ACADEMIC: _l("To academic bodies"),
    OrganisationKind.PARLIAMENT: _l("To parliaments"),
    OrganisationKind.NETWORK: _l("To networks and alliances"),
    OrganisationKind.INTERGOVERNMENTAL: _l("To intergovernmental organisations"),
    OrganisationKind.COMPANY: _l("To companies (technology, media)"),
    OrganisationKind.TRADE_UNION: _l("To trade unions"),
    OrganisationKind.OTHER: _l("To other organisations"),
}

SEPARATOR = " — "


def organisation_name(organisation, language: str | None = None) -> str:
    """The organisation as an addressee: its name in ``language`` (the reader's by default),
    with its acronym."""
    name = localized(organisation, "name", language)
    return f"{name} ({organisation.acronym})" if organisation.acronym else name


def addressee_parts(rec, language: str | None = None) -> list[str]:
    """The kind (plural), the organisation's name and the free text, those that are set."""
    parts = []
    if rec.addressee_kind is not None:
        parts.append(str(KIND_PLURALS[rec.addressee_kind]))
    if rec.addressee_organisation is not None:
        parts.append(organisation_name(rec.addressee_organisation, language))
    free_text = shown_text(rec, "addressee", language).text
    if free_text:
        parts.append(free_text)
    return parts


def addressee_untranslated(rec, language: str | None = None) -> bool:
    """The free-text addressee is shown in Arabic to a reader of English (no translation yet)."""
    return shown_text(rec, "addressee", language).untranslated


def addressee_label(rec, language: str | None = None) -> str:
    """The addressee as read everywhere: "Parliaments — Shura Council", "Shura Council",
    "Parliaments" or the free text; "" when none is given."""
    return SEPARATOR.join(addressee_parts(rec, language))


def matches_kind(rec, kind: str) -> bool:
    """Addressed to organisations of this kind: by the kind, or by a named organisation of it."""
    if rec.addressee_kind is not None and rec.addressee_kind.value == kind:
        return True
    organisation = rec.addressee_organisation
    return organisation is not None and organisation.kind.value == kind


def addressee_groups(recs, language: str | None = None) -> list[tuple[str, list]]:
    """[(heading, recommendations)]: kinds first (in the enum's order), then named
    organisations, then free-text addressees (each in order of first appearance), then those
    with no addressee; each group keeps the order of ``recs``."""
    kinds: dict = {}
    named: dict = {}
    texts: dict = {}
    nobody: list = []
    for rec in recs:
        if rec.addressee_kind is not None:
            kinds.setdefault(rec.addressee_kind, []).append(rec)
        elif rec.addressee_organisation is not None:
            name = organisation_name(rec.addressee_organisation, language)
            named.setdefault(rec.addressee_organisation_id, (name, []))[1].append(rec)
        elif text := shown_text(rec, "addressee", language).text:
            texts.setdefault(" ".join(text.split()).casefold(), (text, []))[1].append(rec)
        else:
            nobody.append(rec)
    groups = [(str(KIND_HEADINGS[kind]), kinds[kind]) for kind in OrganisationKind if kind in kinds]
    groups += list(named.values()) + list(texts.values())
    if nobody:
        groups.append((_("No addressee given"), nobody))
    return groups


def detail_under_group(rec, language: str | None = None) -> str:
    """What the group heading does not say of a recommendation's addressee (the organisation or
    the text under a kind's heading, the text under an organisation's)."""
    parts = addressee_parts(rec, language)
    return SEPARATOR.join(parts[1:])
