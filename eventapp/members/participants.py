"""The categories of participant of an event: those of its organiser, or the defaults.

A registration (and an invitation) holds a category's code; every page, badge, export, figure
and API answer that shows a category asks `category_label(event, code)` (or `category_of` for
the colour too). The labels come in Arabic in both forms, feminine and masculine, and in
English. Said of a person (a badge, a list of participants, the personal page), the label
follows their form of address (``form=registration.form_of_address``): feminine «مندوبة»,
masculine «مندوب», and for a person whose form is not given the category's neutral wording,
a noun of the group or the activity rather than of the person («وفد», «إعلام», «فريق
العمل»). Where a category has no neutral wording (Arabic has no natural one for «خبير»:
«خبرة» says expertise, and «مراقبة» reads as the feminine), and when the category is named as
a class of people (statistics, the category menus), the masculine form is shown: the
masculine singular is Arabic's generic name of a class («فئة: مندوب»); a slash form
(«مندوب/ة») is never printed. A category that has only a feminine label shows it for
everyone.

Every sign-up checks its category against the event's categories, and the public form is
kept per content version of the event: the organisation's categories are read once per
version of each event (a change of them bumps the version of the organiser's events, see
events/content_version.py) and kept in the process, so an open sign-up costs no query more.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from eventapp.cache import ProcessCache
from eventapp.content_versions import version_key
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.members.models import ParticipantCategory
from eventapp.people import FormOfAddress, form_of, is_feminine

GREY = "#6b6b6b"
# The colours a category may take (static/css/multaqa.css has a class for each: the pages'
# Content-Security-Policy allows no inline style).
PALETTE = (
    "#0b5d4b",
    "#1f4e9c",
    "#6b6b6b",
    "#b3541e",
    "#7a1f5c",
    "#9a7b00",
    "#2e7d32",
    "#00838f",
    "#4527a0",
    "#ad1457",
    "#37474f",
    "#5d4037",
)


@dataclasses.dataclass(frozen=True)
class CategoryChoice:
    """One category as plain, read-only data (safe to keep across requests)."""

    code: str
    label_ar_f: str | None
    label_ar_m: str | None
    label_en: str | None
    colour: str = GREY
    position: int = 0
    label_ar_n: str | None = None  # neutral: said of a person whose form is not given

    @property
    def value(self) -> str:  # as the enum it replaces: <option value="...">
        return self.code

    def label_in(self, language: str, feminine: bool = False, neutral: bool = False) -> str:
        if feminine:
            arabic = self.label_ar_f or self.label_ar_m
        elif neutral:
            arabic = self.label_ar_n or self.label_ar_m
        else:
            arabic = self.label_ar_m
        arabic = arabic or self.label_ar_f or self.label_ar_n
        if language == "ar":
            return arabic or self.label_en or self.code
        return self.label_en or arabic or self.code

    @property
    def label(self) -> str:
        return self.label_in(current_language())


# The categories every organisation starts with (those registration always had).
DEFAULTS: tuple[CategoryChoice, ...] = (
    CategoryChoice("delegate", "مندوبة", "مندوب", "Delegate", "#0b5d4b", 0, "وفد"),
    CategoryChoice("expert", "خبيرة", "خبير", "Expert", "#1f4e9c", 1),
    CategoryChoice("observer", "مراقبة", "مراقب", "Observer", "#6b6b6b", 2),
    CategoryChoice("media", "إعلامية", "إعلامي", "Media", "#b3541e", 3, "إعلام"),
    CategoryChoice(
        "staff", "عضوة فريق العمل", "عضو فريق العمل", "Staff", "#7a1f5c", 4, "فريق العمل"
    ),
    CategoryChoice("guest", "ضيفة", "ضيف", "Guest", "#9a7b00", 5),
)
DEFAULT_CODES = tuple(c.code for c in DEFAULTS)
_DEFAULTS_BY_CODE = {c.code: c for c in DEFAULTS}

_kept = ProcessCache(threshold=512)


def organisation_categories(organisation_id: int | None) -> tuple[CategoryChoice, ...]:
    """The organisation's own categories in order, or the defaults when it defines none."""
    if organisation_id is None:
        return DEFAULTS
    rows = db.session.scalars(
        select(ParticipantCategory)
        .where(ParticipantCategory.organisation_id == organisation_id)
        .order_by(ParticipantCategory.position, ParticipantCategory.id)
    ).all()
    if not rows:
        return DEFAULTS
    return tuple(
        CategoryChoice(
            r.code,
            r.label_ar_f,
            r.label_ar_m,
            r.label_en,
            r.colour if r.colour in PALETTE else GREY,
            r.position,
            r.label_ar_n,
        )
        for r in rows
    )


def event_categories(event) -> tuple[CategoryChoice, ...]:
    """The categories of the event: its organiser's (kept per version of the event)."""
    organiser_id = getattr(event, "organiser_id", None)
    if organiser_id is None:
        return DEFAULTS
    key = ("participant-categories", organiser_id, *version_key(event))
    kept = _kept.get(key)
    if kept is None:
        kept = organisation_categories(organiser_id)
        _kept.set(key, kept)
    return kept


def event_codes(event) -> set[str]:
    return {c.code for c in event_categories(event)}


def category_of(event, code) -> CategoryChoice:
    """The category of this code for the event. A code the organiser no longer offers (a
    registration from before a change) keeps its default label, or shows its code."""
    code = getattr(code, "value", code) or ""
    for choice in event_categories(event):
        if choice.code == code:
            return choice
    return _DEFAULTS_BY_CODE.get(code) or CategoryChoice(code, None, None, None)


def category_label(
    event, code, *, feminine: bool = False, form=None, language: str | None = None
) -> str:
    """The one function that words a category: in the reader's language (or `language`).
    Without ``form``, the name of the class (masculine); with a person's form of address,
    the feminine, the masculine, or the neutral wording for an unspecified form."""
    feminine = feminine or is_feminine(form)
    neutral = not feminine and form is not None and form_of(form) is FormOfAddress.UNSPECIFIED
    return category_of(event, code).label_in(language or current_language(), feminine, neutral)


def forget_kept() -> None:
    """Drop what this process keeps (tests; a version change makes old entries unread)."""
    _kept.clear()
