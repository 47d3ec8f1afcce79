"""Direction helpers (issue 16): isolates for plain text, arrows that follow the reading
direction, the intervention history read old-to-new, brackets copied back from a PDF."""

from __future__ import annotations

from types import SimpleNamespace

from flask import render_template, render_template_string
from flask_babel import force_locale

from eventapp.i18n import arrow
from eventapp.reports import html_to_pdf
from eventapp.reports.text import FSI, LRI, PDI, bidi, isolate, strip_isolates
from tests.reports.copyback import pdf_text_pypdf


def test_isolate_wraps_english_and_codes_not_arabic():
    assert isolate("Human Rights Watch") == f"{FSI}Human Rights Watch{PDI}"
    assert isolate("a@b.org", "ltr") == f"{LRI}a@b.org{PDI}"
    assert isolate("هالة المصري") == "هالة المصري"
    assert isolate("هالة (HRW)") == f"{FSI}هالة (HRW){PDI}"  # mixed: isolated
    assert isolate(None) == "" and isolate("") == ""
    assert strip_isolates(isolate("X-12", "ltr")) == "X-12"


def test_bidi_brackets_inside_the_run():
    assert str(bidi("HRW", brackets=True)) == '<span dir="ltr">(HRW)</span>'
    # Latin runs inside an Arabic name get their own left-to-right span, brackets included.
    assert str(bidi("منظمة العفو الدولية (AI)")) == (
        '<span dir="rtl">منظمة العفو الدولية <span dir="ltr">(AI)</span></span>'
    )
    assert str(bidi("القسط")) == '<span dir="rtl">القسط</span>'
    assert str(bidi("<b>", brackets=True)) == '<span dir="ltr">(&lt;b&gt;)</span>'


def test_arrow_follows_the_language(app):
    assert arrow(language="ar") == "←" and arrow(language="en") == "→"
    assert arrow("next", language="ar") == "‹" and arrow("previous", language="ar") == "›"


def _history(app, language):
    event = SimpleNamespace(timezone="Asia/Amman", zone=None)
    entry = SimpleNamespace(
        created_at=None,
        action="status",
        intervention=None,
        reason=None,
        note=None,
        from_status=SimpleNamespace(label="معتمدة" if language == "ar" else "Approved"),
        to_status=SimpleNamespace(label="أُلقيت" if language == "ar" else "Delivered"),
        actor_user=None,
        actor_email="rapporteur@example.org",
    )
    with app.test_request_context("/"), force_locale(language):
        return render_template(
            "interventions/_history.html",
            item=SimpleNamespace(history=[entry]),
            event=event,
            action_labels={},
        )


def test_history_arrow_points_from_old_to_new_in_the_reading_direction(app):
    arabic = _history(app, "ar")
    # Right to left: the old status is read first (rightmost), the arrow points left to the new.
    assert 'معتمدة <span class="arrow">←</span> أُلقيت' in arabic
    assert "→" not in arabic
    assert 'dir="ltr">rapporteur@example.org</span>' in arabic
    english = _history(app, "en")
    assert 'Approved <span class="arrow">→</span> Delivered' in english


def test_english_organisation_in_brackets_copies_back_in_order(app):
    with app.test_request_context("/?lang=ar"):
        html = render_template_string(
            '<html lang="ar" dir="rtl"><body><p>قدّمها سارة عبد الله {{ org|bidi(brackets=True) }}'
            " في الجلسة الأولى</p><p>منظمة {{ 'HRW'|bidi(brackets=True) }} في الجلسة</p>"
            "<p>{{ 'منظمة العفو الدولية (AI)'|bidi }}</p>"
            "</body></html>",
            org="Human Rights Watch",
        )
    text = " ".join(strip_isolates(pdf_text_pypdf(html_to_pdf(html))).split())
    assert "(Human Rights Watch)" in text
    assert "منظمة (HRW) في الجلسة" in text
    assert "منظمة العفو الدولية (AI)" in text  # as on a badge
    assert ")Human" not in text and "HRW(" not in text


def test_calendar_description_isolates_names_and_links(app):
    from eventapp.agendas.ical import _description

    text = _description(
        {
            "description": "",
            "guiding_question": "",
            "people": [
                {"role_label": "متحدث", "name": "Sara Abdallah", "organisation": "HRW"},
                {"role_label": "متحدث", "name": "هالة المصري", "organisation": None},
            ],
            "video_link": "https://meet.example.org/x",
        }
    )
    assert f"متحدث: {FSI}Sara Abdallah{PDI} — {FSI}HRW{PDI}" in text
    assert "متحدث: هالة المصري" in text
    assert f"{LRI}https://meet.example.org/x{PDI}" in text
