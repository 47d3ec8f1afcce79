"""Locale choice, text direction, bilingual content, Arabic-Indic digits and Hijri dates."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import click
from babel.dates import format_date, format_time, get_timezone_location
from flask import current_app, has_request_context, request, session, url_for
from flask_babel import get_locale as babel_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from hijridate import Gregorian

from eventapp.reports.text import to_arabic_indic

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}


def select_locale() -> str:
    """The reader's choice (kept in the session and on the account), else Arabic; a command
    (`flask ...`, outside a request) speaks CLI_LANGUAGE, English unless MULTAQA_CLI_LANGUAGE
    says otherwise: its reader is an administrator at a terminal."""
    languages = current_app.config["LANGUAGES"]
    if has_request_context():
        chosen = session.get("lang")
        if chosen in languages:
            return chosen
        if current_user and current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
    elif click.get_current_context(silent=True) is not None:
        chosen = current_app.config.get("CLI_LANGUAGE")
        return chosen if chosen in languages else "en"
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(babel_locale() or "ar").split("_")[0]


def text_direction(language: str | None = None) -> str:
    return "rtl" if (language or current_language()) in RTL_LANGUAGES else "ltr"


# Arrows and chevrons that mean "from … to", "next" or "previous": in right-to-left text the
# reading goes leftwards, so "from old to new" is "قديم ← جديد" and "next" points left.
_ARROWS = {
    "forward": ("→", "←"),
    "back": ("←", "→"),
    "next": ("›", "‹"),
    "previous": ("‹", "›"),
}


def arrow(kind: str = "forward", language: str | None = None) -> str:
    """The glyph for ``kind`` (forward, back, next, previous) in the reading direction."""
    ltr_glyph, rtl_glyph = _ARROWS[kind]
    return rtl_glyph if text_direction(language) == "rtl" else ltr_glyph


def other_language(language: str) -> str:
    return "en" if language == "ar" else "ar"


def localized(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the reader's language, falling back to the other one."""
    language = language or current_language()
    value = getattr(obj, f"{field}_{language}", None)
    if not value:
        value = getattr(obj, f"{field}_{other_language(language)}", None)
    return value or ""


@dataclass(frozen=True)
class Shown:
    """A bilingual text as shown in one language: ``text`` is in ``language``; ``untranslated``
    when the reader asked for English and only the Arabic original exists (shown with a visible
    «Not yet translated» and lang="ar" dir="rtl"). In Arabic, the working language, an empty
    Arabic text falls back to the English silently (``language`` still says "en")."""

    text: str
    language: str
    untranslated: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def shown_text(obj, field: str, language: str | None = None) -> Shown:
    """``obj.<field>_<language>`` (the one place that decides which text a reader sees), falling
    back to the other language; see ``Shown``."""
    language = language or current_language()
    value = (getattr(obj, f"{field}_{language}", None) or "").strip() if obj is not None else ""
    if value:
        return Shown(value, language)
    other = other_language(language)
    value = (getattr(obj, f"{field}_{other}", None) or "").strip() if obj is not None else ""
    if not value:
        return Shown("", language)
    return Shown(value, other, untranslated=language != "ar")


def _uses_arabic_digits(event) -> bool:
    """The event (a model, or a snapshot's dict) asks for Arabic-Indic digits in Arabic."""
    if isinstance(event, dict):
        wanted = event.get("use_arabic_digits", False)
    else:
        wanted = getattr(event, "use_arabic_digits", False)
    return current_language() == "ar" and bool(wanted)


def event_digits(text, event=None) -> str:
    """Digits as the event asks for them (Arabic-Indic in Arabic when the event says so)."""
    return to_arabic_indic(text) if _uses_arabic_digits(event) else str(text)


def format_day(value: dt.date, event=None, fmt: str = "full") -> str:
    # Arabic numeric dates come with right-to-left marks ("٣١\u200f/٠١\u200f/٢٠١٨"), shown
    # year first and copied back so from a PDF: without them the date is one number, in order.
    return event_digits(
        format_date(value, fmt, locale=current_language()).replace("\u200f", ""), event
    )


def format_clock(value: dt.time | None, event=None) -> str:
    if value is None:
        return ""
    text = format_time(value, "HH:mm", locale=current_language())
    if _uses_arabic_digits(event):
        # Arabic-Indic digits are "Arabic numbers" to the bidi algorithm: without a strong
        # left-to-right mark, "٠٩:٠٠–٠٩:٣٠" in a left-to-right span is shown end first.
        return "\u200e" + to_arabic_indic(text)
    return text


# Zones that are no place: named as the standard, not as "UTC" or "Etc/GMT".
_UNIVERSAL_ZONES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu"}
_UNIVERSAL_NAMES = {"UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu"}

# Babel's exemplar cities that CLDR writes only in Latin letters, in Arabic (keyed by the
# city's English name, the last part of what Babel gives: "Argentina/Buenos Aires").
_ARABIC_CITIES = {
    "Asmara": "أسمرة",
    "Atikokan": "أتيكوكان",
    "Buenos Aires": "بوينس آيرس",
    "Catamarca": "كاتاماركا",
    "Chuuk": "تشوك",
    "Cordoba": "كوردوبا",
    "Coyhaique": "كويايكي",
    "Faroe": "جزر فارو",
    "Ho Chi Minh": "مدينة هو تشي منه",
    "Indianapolis": "إنديانابوليس",
    "Jujuy": "خوخوي",
    "Kathmandu": "كاتماندو",
    "Kolkata": "كولكاتا",
    "Kyiv": "كييف",
    "Louisville": "لويفيل",
    "Mendoza": "مندوسا",
    "Nuuk": "نوك",
    "Pohnpei": "بونبي",
    "Yangon": "يانغون",
}


def _is_universal(key: str) -> bool:
    return key in _UNIVERSAL_ZONES or key.removeprefix("Etc/") in _UNIVERSAL_NAMES


def _offset_name(zone: ZoneInfo, event=None) -> str:
    """A zone that is only an offset ("Etc/GMT+8", which is eight hours behind): «غرينتش−٨» /
    "GMT−8", with a true minus sign and the event's digits."""
    offset = zone.utcoffset(dt.datetime(2000, 1, 1))
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    amount = f"{hours}:{rest:02d}" if rest else str(hours)
    sign = "+" if minutes > 0 else "\u2212"
    return _("GMT%(offset)s", offset=event_digits(sign + amount, event))


def zone_name(tz, locale: str | None = None, event=None) -> str:
    """A time zone as its reader says it: "London time" / «توقيت لندن» (the exemplar city in
    the reader's language, from Babel's CLDR data, or from _ARABIC_CITIES where CLDR has it
    only in Latin letters), "Coordinated Universal Time" for UTC, «توقيت غرينتش−٨» for a zone
    that is only an offset; never the raw identifier ("Europe/London"), which stays for
    machines (.ics TZID, JSON, forms)."""
    key = getattr(tz, "key", None) or str(tz or "UTC")
    locale = locale or current_language()
    if _is_universal(key):
        return _("Coordinated Universal Time")
    try:
        zone = ZoneInfo(key)
    except (LookupError, ValueError):
        zone = None
    if zone is not None and key.startswith("Etc/"):
        return _("%(city)s time", city=_offset_name(zone, event))
    try:
        city = get_timezone_location(zone or key, locale=locale, return_city=True)
    except (LookupError, ValueError, TypeError):
        city = key
    city = city.rsplit("/", 1)[-1].replace("_", " ")
    if str(locale).startswith("ar"):
        city = _ARABIC_CITIES.get(city, city)
    return _("%(city)s time", city=city)


@cache
def offered_zones() -> tuple[str, ...]:
    """The IANA time zones the product offers (an event's zone, a remote participant's own),
    sorted: every zone Python knows but "localtime" and "Factory", which are no place."""
    return tuple(sorted(available_timezones() - {"localtime", "Factory"}))


_ZONE_CHOICES: dict[str, list[tuple[str, str]]] = {}


@cache
def _zone_links() -> frozenset[str]:
    """The names tzdata keeps as links to another zone (older or alias names: Europe/Kiev for
    Europe/Kyiv, Etc/UCT for Etc/UTC), read from a tzdata.zi at hand (the tzdata package's,
    else the system's); empty when there is none (zone_choices then relies on the names)."""
    sources = []
    with contextlib.suppress(ImportError):  # no tzdata package: the system's file only
        sources.append(resources.files("tzdata.zoneinfo").joinpath("tzdata.zi"))
    sources.append(Path("/usr/share/zoneinfo/tzdata.zi"))
    for source in sources:
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        return frozenset(
            parts[2]
            for parts in (line.split() for line in text.splitlines())
            if parts[:1] == ["L"] and len(parts) >= 3
        )
    return frozenset()


def _canonical_first(key: str) -> tuple:
    """The order in which zones claim their name: Etc/UTC for the universal time (Etc/GMT is
    a zone of its own with the same name), real zones before links, names with an area
    ("Asia/Riyadh") before bare ones ("UTC", "Egypt"), "Etc/" last."""
    return (key != "Etc/UTC", key in _zone_links(), "/" not in key, key.startswith("Etc/"), key)


def _distinct_zones(language: str) -> list[tuple[str, str]]:
    """Each zone name once: an alias whose name is already taken («توقيت كييف» of Europe/Kiev
    beside Europe/Kyiv, the fifteen «التوقيت العالمي المنسق») is left out."""
    taken: set[str] = set()
    named = []
    for key in sorted(offered_zones(), key=_canonical_first):
        name = zone_name(key, language)
        if name not in taken:
            taken.add(name)
            named.append((key, name))
    return sorted(named, key=_by_name)


def _by_name(pair: tuple[str, str]) -> tuple[str, str]:
    return (pair[1].casefold(), pair[0])


def zone_choices(keep: str | None = None) -> list[tuple[str, str]]:
    """(IANA name, the zone in the reader's language) for a select, in the order of the names
    read: the identifier is the value the form sends, not what the reader sees. Each name is
    offered once (_distinct_zones: aliases whose name is taken are left out; they stay valid).

    ``keep``: the value stored or sent, always offered (so that a select shows it selected):
    a zone missing from the list keeps its name (with its identifier when that name is taken),
    anything else (a legacy or mistyped value) is listed first as it was written."""
    language = current_language()
    if language not in _ZONE_CHOICES:
        _ZONE_CHOICES[language] = _distinct_zones(language)
    choices = _ZONE_CHOICES[language]
    keep = (keep or "").strip()
    if not keep or any(key == keep for key, _name in choices):
        return choices
    if keep not in offered_zones():
        return [(keep, keep), *choices]
    name = zone_name(keep, language)
    if any(label == name for _key, label in choices):
        name = f"{name} ({keep})"
    return sorted([*choices, (keep, name)], key=_by_name)


def format_moment(value: dt.datetime | None, event=None, zone=None, with_date: bool = True) -> str:
    """A stored moment (naive UTC) for human eyes, by Babel in the reader's language and the
    event's time zone (or `zone`): "9 Dec 2017, 16:10:20" / «9 ديسمبر 2017، 16:10:20», in the
    event's digits. Machines keep ISO (datetime attributes, JSON, CSV)."""
    if value is None:
        return ""
    if zone is None:
        zone = getattr(event, "zone", None) or dt.UTC
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(zone)
    language = current_language()
    clock = format_time(local, "HH:mm:ss", locale=language)
    if _uses_arabic_digits(event):
        clock = "\u200e" + to_arabic_indic(clock)
    if not with_date:
        return clock
    day = format_day(local.date(), event, "d MMM y")
    return f"{day}{'، ' if language == 'ar' else ', '}{clock}"


def hijri_date(value: dt.date, event=None) -> str:
    """The Umm al-Qura date, e.g. "21 ربيع الأول 1439 هـ" (empty outside its supported range)."""
    try:
        h = Gregorian(value.year, value.month, value.day).to_hijri()
    except (ValueError, OverflowError):
        return ""
    language = current_language()
    if language == "ar":
        text = f"{h.day} {h.month_name('ar')} {h.year} هـ"
    else:
        text = f"{h.day} {h.month_name('en')} {h.year} AH"
    return event_digits(text, event)


def event_date(value: dt.date, event=None, fmt: str = "full") -> str:
    """A day as readers of this event want it: Gregorian, plus Hijri when the event says so."""
    text = format_day(value, event, fmt)
    if event is not None and getattr(event, "show_hijri", False):
        hijri = hijri_date(value, event)
        if hijri:
            text = f"{text} ({hijri})"
    return text


def place_text(venue: str | None, city: str | None, language: str | None = None) -> str:
    """ "Venue، City" for the reader; the city is left out when the venue already names it
    (venue "لندن", city "لندن" gives "لندن", not "لندن، لندن"). One rule for the event page,
    the agenda and the certificate."""
    venue, city = (venue or "").strip(), (city or "").strip()
    if not venue or not city:
        return venue or city
    if re.search(rf"(?<!\w){re.escape(city.casefold())}(?!\w)", venue.casefold()):
        return venue
    separator = "، " if (language or current_language()) == "ar" else ", "
    return f"{venue}{separator}{city}"


def language_switch_url(language: str) -> str:
    target = request.full_path if has_request_context() else "/"
    return url_for("main.set_language", language=language, next=target.rstrip("?"))


def init_app(app) -> None:
    app.jinja_env.filters.update(
        tr=localized,
        digits=event_digits,
        day=format_day,
        clock=format_clock,
        hijri=hijri_date,
        event_date=event_date,
        zone_name=zone_name,
        moment=format_moment,
    )
    app.jinja_env.globals["place_text"] = place_text
    app.jinja_env.globals["arrow"] = arrow
    app.jinja_env.globals["zone_choices"] = zone_choices

    @app.context_processor
    def inject_i18n():
        language = current_language()
        return {
            "lang": language,
            "dir": text_direction(language),
            "other_lang": other_language(language),
            "language_names": LANGUAGE_NAMES,
            "language_switch_url": language_switch_url,
        }


# Extracted by pybabel so the Arabic catalogue names the languages too.
_LANGUAGE_LABELS = (_l("Arabic"), _l("English"))
