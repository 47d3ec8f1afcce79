"""What a reader copies out of a PDF, compared with what was put in (used by the tests in
test_reports_copy.py and by bench/pdf_recall.py).

- ``render_kind``: one PDF of each kind (agenda, session report, outcome summary, badges,
  certificate) from the demo data, as the views and jobs render it, with its final HTML;
- ``html_text``: the text the HTML shows (text nodes; no <head>, <style>, <script>);
- ``pdf_text_pypdf`` / ``pdf_text_poppler``: the text the two usual extractors give back;
- ``recall``: the share of the HTML's words and numbers found again in the extracted text.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pypdf import PdfReader

# ---- text in, text out -------------------------------------------------------------------


class _TextOf(HTMLParser):
    SKIP = {"head", "style", "script", "title"}
    BLOCK = {"p", "div", "td", "th", "li", "tr", "h1", "h2", "h3", "h4", "section"}
    VOID = {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        # The running header is repeated on every page (or hidden): not counted.
        if tag in self.VOID:
            if tag == "br":
                self.parts.append("\n")
        elif self.skipping or tag in self.SKIP or ("class", "running-header") in attrs:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return "".join(parser.parts)


def pdf_text_pypdf(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_text_poppler(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


# Invisible characters a PDF may or may not carry: bidi marks and isolates, joiners.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u061c\ufeff")
)
# pdftotext wraps right-to-left lines in U+202B ... U+202C and each left-to-right run inside
# them in U+202A ... U+202C, and puts the space next to such a run on one side of the mark:
# a mark is where a run ends, so it ends a word too ("2026\u202cإلى" is two words).
_EMBEDDINGS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"), " ")
# Where a token ends besides white space: dashes, slashes and separators between words.
_SEPARATORS = re.compile(r"[\s–—·|/،,؛;()«»\[\]{}]+")
_DIGIT = r"[0-9٠-٩]"
NUMBER = re.compile(rf"{_DIGIT}+(?:[:.,/]{_DIGIT}+)*")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_EMBEDDINGS)


def _strip_punctuation(token: str) -> str:
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(token[end - 1])[0] in "PS":
        end -= 1
    return token[start:end]


# Arabic harakat (tashkeel) and the tatweel: searches ignore them, and pdftotext puts a
# haraka before its letter ("ُألقيت" for "أُلقيت") because it sorts glyphs by position.
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def words(text: str, fold: bool = False) -> list[str]:
    """Tokens with at least one letter, as a reader would search for them; ``fold`` drops
    the harakat first (as Arabic search does)."""
    found = []
    text = _clean(text)
    if fold:
        text = _HARAKAT.sub("", text)
    for raw in _SEPARATORS.split(text):
        token = _strip_punctuation(raw)
        if any(unicodedata.category(c)[0] == "L" for c in token):
            found.append(token)
    return found


def numbers(text: str) -> list[str]:
    return NUMBER.findall(_clean(text))


@dataclass
class Recall:
    words: int
    numbers: int
    missing_words: list[str] = field(default_factory=list)
    missing_numbers: list[str] = field(default_factory=list)

    @property
    def word_recall(self) -> float:
        return 1.0 if not self.words else 1 - len(self.missing_words) / self.words

    @property
    def number_recall(self) -> float:
        return 1.0 if not self.numbers else 1 - len(self.missing_numbers) / self.numbers


def _missing(expected: list[str], got: list[str]) -> list[str]:
    left = Counter(got)
    missing = []
    for item in expected:
        if left[item] > 0:
            left[item] -= 1
        else:
            missing.append(item)
    return missing


def recall(html: str, extracted: str, fold: bool = False) -> Recall:
    shown = html_text(html)
    expected_words, expected_numbers = words(shown, fold), numbers(shown)
    return Recall(
        len(expected_words),
        len(expected_numbers),
        _missing(expected_words, words(extracted, fold)),
        _missing(expected_numbers, numbers(extracted)),
    )


# ---- the PDFs of the demo ----------------------------------------------------------------

# The London conference: Arabic and English names, organisations and codes on its badges
# (the badges of every demo event are checked too: test_badges_of_every_demo_event).
BADGE_EVENT = "alqst-london-2017"
AGENDA_EVENT = "nmrf-consultative-workshop"
KINDS = ("agenda", "session_report", "outcome_summary", "badges", "certificate")


def _set_digits(event, arabic_digits: bool) -> None:
    from eventapp.extensions import db  # noqa: PLC0415  (needs the app: imported when used)

    if event.use_arabic_digits != arabic_digits:
        event.use_arabic_digits = arabic_digits
        db.session.commit()


def render_badges(slug: str, language: str, count: int = 8) -> tuple[str, bytes] | None:
    """(final HTML, PDF) of the first ``count`` badges of a demo event (None: no one to badge)."""
    from flask import render_template  # noqa: PLC0415  (helpers importable without an app)
    from flask_babel import force_locale  # noqa: PLC0415
    from sqlalchemy import select  # noqa: PLC0415

    from eventapp.events.models import Event  # noqa: PLC0415
    from eventapp.extensions import db  # noqa: PLC0415
    from eventapp.registration.documents import _confirmed, badge_data  # noqa: PLC0415
    from eventapp.reports import html_to_pdf  # noqa: PLC0415

    event = db.session.scalar(select(Event).where(Event.slug == slug))
    people = list(_confirmed(event))[:count]
    if not people:
        return None
    with force_locale(language):
        data = badge_data(event, people)
        data["title"] = "Badges"
        html = render_template("registration/pdf/badges.html", **data)
    return html, html_to_pdf(html)


def render_kind(kind: str, language: str, arabic_digits: bool) -> tuple[str, bytes]:
    """(final HTML, PDF) of one kind of PDF for the demo data, in ``language``, the event set
    to Arabic-Indic digits or not. Needs an app context with the demo loaded."""
    from flask import render_template  # noqa: PLC0415  (helpers importable without an app)
    from flask_babel import force_locale  # noqa: PLC0415
    from sqlalchemy import func, select  # noqa: PLC0415

    from eventapp.agendas.pdf import agenda_context  # noqa: PLC0415
    from eventapp.events.models import Event  # noqa: PLC0415
    from eventapp.extensions import db  # noqa: PLC0415
    from eventapp.outcomes import jobs  # noqa: PLC0415
    from eventapp.outcomes.models import Recommendation, ReportKind, SessionOutcome  # noqa: PLC0415
    from eventapp.registration.certificate_models import Certificate  # noqa: PLC0415
    from eventapp.registration.certificate_pdf import certificate_data  # noqa: PLC0415
    from eventapp.registration.models import Registration  # noqa: PLC0415
    from eventapp.reports import html_to_pdf  # noqa: PLC0415
    from eventapp.sessions.models import EventSession  # noqa: PLC0415

    if kind == "agenda":
        event = db.session.scalar(select(Event).where(Event.slug == AGENDA_EVENT))
        _set_digits(event, arabic_digits)
        with force_locale(language):
            html = render_template("reports/agenda.html", **agenda_context(event, language))
        return html, html_to_pdf(html)
    if kind in ("session_report", "outcome_summary"):
        # The session with the most recommendations, and its event.
        session_id = db.session.scalar(
            select(Recommendation.session_id)
            .join(SessionOutcome, SessionOutcome.session_id == Recommendation.session_id)
            .group_by(Recommendation.session_id)
            .order_by(func.count().desc(), Recommendation.session_id)
            .limit(1)
        )
        session = db.session.get(EventSession, session_id)
        event = db.session.get(Event, session.event_id)
        _set_digits(event, arabic_digits)
        report = (
            ReportKind.SESSION_REPORT if kind == "session_report" else ReportKind.OUTCOME_SUMMARY
        )
        data = jobs.build_data(report, event, session, language, "")
        html = jobs.report_html(report, data)
        return html, html_to_pdf(html, stylesheets=[jobs.OUTCOMES_CSS])
    if kind == "badges":
        event = db.session.scalar(select(Event).where(Event.slug == BADGE_EVENT))
        _set_digits(event, arabic_digits)
        return render_badges(BADGE_EVENT, language)
    if kind == "certificate":
        certificate = db.session.scalar(select(Certificate).order_by(Certificate.id).limit(1))
        event = db.session.get(Event, certificate.event_id)
        _set_digits(event, arabic_digits)
        registration = db.session.get(Registration, certificate.registration_id)
        data = certificate_data(event, [(registration, certificate)], language)
        with force_locale(language):
            html = render_template("registration/pdf/certificates.html", **data)
        return html, html_to_pdf(html)
    raise ValueError(kind)
