"""Text helpers, macros and the base template, without rendering a PDF."""

from __future__ import annotations

from markupsafe import Markup

from eventapp.reports import bdi, bidi, isolate, ltr, text_direction_of, to_arabic_indic


def test_to_arabic_indic():
    assert to_arabic_indic("09:30–11:00") == "٠٩:٣٠–١١:٠٠"
    assert to_arabic_indic(2025) == "٢٠٢٥"
    assert to_arabic_indic("صفحة 3 من 12") == "صفحة ٣ من ١٢"
    assert to_arabic_indic(None) == ""
    assert to_arabic_indic("٤ ok") == "٤ ok"
    converted = to_arabic_indic(Markup("<b>7</b>"))
    assert isinstance(converted, Markup) and converted == Markup("<b>٧</b>")


def test_ltr_and_bidi_wrap_and_escape():
    assert ltr("09:30–11:00") == Markup('<span dir="ltr">09:30–11:00</span>')
    assert ltr("<script>") == Markup('<span dir="ltr">&lt;script&gt;</span>')
    assert bidi("Human Rights Watch") == Markup('<span dir="ltr">Human Rights Watch</span>')
    assert bidi("هيومن رايتس ووتش") == Markup('<span dir="rtl">هيومن رايتس ووتش</span>')
    assert text_direction_of("  (2025) UNDP") == "ltr"
    assert text_direction_of("١٢ توصية") == "rtl"
    assert text_direction_of("10:00–10:05") == "ltr"


def test_mixed_arabic_and_latin_reads_as_arabic_with_english_inside():
    """Issue 16, direction: an Arabic name holding an English one ("ALQST لحقوق الإنسان",
    «(منظمة ALQST لحقوق الإنسان)») is right-to-left text, whatever its first letter; English
    text with an Arabic gloss between brackets stays left-to-right."""
    assert text_direction_of("ALQST لحقوق الإنسان") == "rtl"
    assert text_direction_of("(منظمة ALQST لحقوق الإنسان)") == "rtl"
    assert text_direction_of("منظمة Human Rights Watch الدولية") == "rtl"
    assert text_direction_of("Human Rights Watch (هيومن رايتس ووتش)") == "ltr"
    assert text_direction_of("(UNDP)") == "ltr"
    assert bdi("ALQST لحقوق الإنسان") == Markup('<bdi dir="rtl">ALQST لحقوق الإنسان</bdi>')
    assert bdi("a<b") == Markup('<bdi dir="ltr">a&lt;b</bdi>')
    assert bidi("(منظمة ALQST لحقوق الإنسان)") == Markup(
        '<span dir="rtl">(منظمة <span dir="ltr">ALQST</span> لحقوق الإنسان)</span>'
    )
    assert bidi("ALQST لحقوق الإنسان") == Markup(
        '<span dir="rtl"><span dir="ltr">ALQST</span> لحقوق الإنسان</span>'
    )
    # Plain text (mail, .ics): a right-to-left isolate, not FSI, which goes by the first letter.
    assert isolate("ALQST لحقوق الإنسان") == "\u2067ALQST لحقوق الإنسان\u2069"
    assert isolate("Human Rights Watch (HRW)") == "\u2068Human Rights Watch (HRW)\u2069"
    assert isolate("هيومن رايتس ووتش") == "هيومن رايتس ووتش"


def test_macros(report_app):
    with report_app.app_context():
        macros = report_app.jinja_env.get_template("reports/macros.html").module
        assert str(macros.ltr("ISO 8601")) == '<span dir="ltr">ISO 8601</span>'
        assert str(macros.ltr("a<b")) == '<span dir="ltr">a&lt;b</span>'
        assert str(macros.arabic_digits("09:30 2025")) == to_arabic_indic("09:30 2025")
        assert str(macros.digits(14, "ar")) == "١٤"
        assert str(macros.digits(14, "ar", False)) == "14"
        assert str(macros.digits(14, "en")) == "14"
        assert str(macros.time_range("09:30", "11:00")) == ('<span dir="ltr">09:30–11:00</span>')


def test_filters_are_registered(report_app):
    template = report_app.jinja_env.from_string(
        "{{ 'Human Rights Watch'|bidi }} {{ 'A-12'|ltr }} {{ 2025|arabic_indic }}"
    )
    assert template.render() == (
        '<span dir="ltr">Human Rights Watch</span> <span dir="ltr">A-12</span> ٢٠٢٥'
    )


def test_base_template_sets_language_direction_and_metadata(report_app):
    with report_app.app_context():
        template = report_app.jinja_env.get_template("reports/base.html")
        arabic = template.render(
            title="تقرير",
            author="منظمة",
            description="وصف",
            keywords=["أ", "ب"],
            created="2025-03-04",
            event_title="اللقاء التشاوري",
        )
        english = template.render(lang="en", title="Report", arabic_digits=False)
        latin = template.render(lang="ar", arabic_digits=False)
    assert '<html lang="ar" dir="rtl"' in arabic
    assert "<title>تقرير</title>" in arabic
    assert '<meta name="author" content="منظمة">' in arabic
    assert '<meta name="description" content="وصف">' in arabic
    assert '<meta name="keywords" content="أ, ب">' in arabic
    assert '<meta name="dcterms.created" content="2025-03-04">' in arabic
    assert '<div class="running-header">اللقاء التشاوري</div>' in arabic
    assert '<html lang="en" dir="ltr"' in english
    assert "latin-digits" not in english and "latin-digits" not in arabic
    assert "latin-digits" in latin
    assert '<meta name="author" content="Multaqa">' in english


def test_bidi_keeps_a_hyphenated_name_on_one_line():
    # pdftotext joins "Al-" at a line end with "Saadi" on the next as "AlSaadi".
    assert bidi("Mr Bahaa Eddin Al-Saadi") == Markup(
        '<span dir="ltr">Mr Bahaa Eddin <span class="nowrap">Al-Saadi</span></span>'
    )
    assert bidi("سعادة الأستاذ Zuhair Al-Zuman") == Markup(
        '<span dir="rtl">سعادة الأستاذ <span dir="ltr">Zuhair '
        '<span class="nowrap">Al-Zuman</span></span></span>'
    )
    assert bidi("<x>-y") == Markup('<span dir="ltr"><span class="nowrap">&lt;x&gt;-y</span></span>')
    assert bidi("Human Rights Watch") == Markup('<span dir="ltr">Human Rights Watch</span>')
