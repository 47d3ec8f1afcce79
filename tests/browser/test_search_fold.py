"""The agenda's instant filter folds what is typed by the server's rule (eventapp/search_text.py),
in a real browser: the page's fold gives Python's for every covered character and for random
text, and typing an Arabic name without its marks, or Western digits, finds the session."""

from __future__ import annotations

import random

import pytest

from eventapp.search_text import fold
from tests.factories import make_event, make_person, make_session
from tests.search.alphabet import ARABIC_TYPED, COVERED
from tests.search.test_fold import SAME

pytestmark = pytest.mark.browser


def _texts() -> list[str]:
    chance = random.Random(16)
    texts = [*COVERED, *(t for pair in SAME for t in pair)]
    for alphabet in (COVERED, ARABIC_TYPED):
        texts += ["".join(chance.choices(alphabet, k=chance.randint(0, 30))) for _ in range(3000)]
    return texts


def test_the_pages_fold_is_the_servers(live_server, phone_page):
    event = make_event(slug="fold-rule")
    make_session(event, title_ar="جلسة")
    page = phone_page
    page.goto(f"{live_server}/e/{event.slug}/agenda")
    texts = _texts()
    in_browser = page.evaluate("texts => texts.map(window.multaqaFold)", texts)
    differ = [(t, b, fold(t)) for t, b in zip(texts, in_browser, strict=True) if b != fold(t)]
    assert differ == []


def test_typing_without_marks_finds_the_session(live_server, phone_page, artifacts):
    event = make_event(slug="forum-2026")
    speaker = make_person("مُحَمَّد النَّجّار", "Mohammed Al-Najjar")
    make_session(event, title_ar="حقوق المرأة في ٢٠٢٦", people=[(speaker, "presenter")])
    make_session(event, start="11:00", end="12:00", title_ar="جلسة أخرى", title_en="Other")
    page = phone_page
    page.goto(f"{live_server}/e/{event.slug}/agenda")
    visible = page.locator(".agenda-session:visible")
    assert visible.count() == 2
    for typed in ("محمد النجار", "مـحـمـد", "المراه", "2026", "najjar", "حقوق  المرأة"):
        page.fill("#agenda-q", typed)
        assert visible.count() == 1, typed
        assert "حقوق المرأة في ٢٠٢٦" in visible.first.inner_text()
    page.screenshot(path=str(artifacts / "agenda-search-folded.png"), full_page=True)
    page.fill("#agenda-q", "لا شيء")
    assert visible.count() == 0
