"""Arabic is first-class: every message is translated, and pages say so."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _translations_script():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_an_arabic_translation():
    assert _translations_script().untranslated() == []


def test_every_message_in_the_code_is_in_a_catalogue():
    """Extract afresh from the sources: nothing new may be missing from the .po files."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    script = _translations_script()
    known = set()
    for part in script.parts():
        with (part / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as f:
            known |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    method_map = [("eventapp/**.py", "python"), ("templates/**.html", "jinja2")]
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT),
            method_map=method_map,
            keywords={
                "_": None,
                "_l": None,
                "lazy_gettext": None,
                "gettext": None,
                "ngettext": (1, 2),
            },
        )
    }
    assert sorted(found - known) == []


def test_pages_are_in_arabic(client, organiser, event):
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/timetable").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    for arabic in ("الجدول الزمني", "تسجيل الخروج"):
        assert arabic in page
    client.switch_language("en")
    page = client.get(f"/manage/events/{event.id}/timetable").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page and "Timetable" in page
