"""The translation checklist in a real browser: Arabic and English, laptop and phone, no
sideways scrolling, and its links open the forms (screenshots in the artifacts folder)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_session
from tests.outcomes.test_translation_checklist import _built


@pytest.mark.parametrize("language", ["ar", "en"])
def test_checklist_page(
    language, live_server, browser_page, phone_page, organiser, event, artifacts
):
    session = make_session(
        event, title_ar="الآلية الوطنية لإعداد التقارير", title_en="The national mechanism"
    )
    _built(event, session, organiser)
    url = f"{live_server}/manage/events/{event.id}/translations"
    for size, page in (("laptop", browser_page), ("phone", phone_page)):
        sign_in(page, live_server, organiser.email, PASSWORD)
        page.goto(f"{live_server}/lang/{language}?next=/manage/")
        page.goto(url)
        assert page.locator("#translation-summary").is_visible()
        assert page.locator(".missing-translation").count() == 8
        assert page.locator("#translations-tab[aria-current=page]").count() == 1
        page.screenshot(path=str(artifacts / f"translations-{language}-{size}.png"), full_page=True)
        # The badge's hidden text stays inside the scrolling tabs: no sideways scrolling.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (size, overflow)
    browser_page.locator(".missing-translation a").first.click()
    browser_page.wait_for_load_state()
    assert "/manage/events/" in browser_page.url and "/translations" not in browser_page.url
