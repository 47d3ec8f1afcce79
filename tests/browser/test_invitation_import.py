"""In a real browser: an organiser imports invitations from a CSV file; the lines are checked
and imported by a background process while the page follows the progress, then shows the
result with each refused line (no inline script: the page's script is a static file)."""

import pytest

from eventapp.background import shutdown_pool
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_organiser_imports_a_file_and_sees_the_result(
    app, live_server, browser_page, organiser, event, artifacts, tmp_path
):
    app.config.update(REPORTS_INLINE=False, REDIS_URL="")
    lines = "".join(f"guest{i}@example.org,ضيف رقم {i},,ضيف,حضوري,,\n" for i in range(2000))
    path = tmp_path / "guests.csv"
    path.write_text(
        "email,name_ar,name_en,category,mode,days,expires\n"
        + lines
        + "not-an-email,خطأ,,,,,\nguest3@example.org,مكرر,,,,,\n",
        encoding="utf-8-sig",
    )
    page = browser_page
    try:
        sign_in(page, live_server, organiser.email, PASSWORD)
        page.goto(f"{live_server}/manage/events/{event.id}/invitations")
        assert "5 ميغابايت" in page.inner_text("#file-help")
        page.set_input_files("#file", str(path))
        page.click("form:has(#file) button")
        page.locator("#import-result").wait_for(timeout=120_000)
        result = page.inner_text("#import-result")
        assert "تم إنشاء 2000 دعوة." in result or "تم إنشاء ٢٠٠٠ دعوة." in result
        assert "رُفض سطران" in result
        assert "السطر 2002: «not-an-email» ليس عنوان بريد إلكتروني صالحًا." in result
        assert "السطر 2003: عنوان البريد الإلكتروني هذا موجود في السطر 5." in result
        page.screenshot(path=str(artifacts / "invitations-import-ar.png"), full_page=True)
    finally:
        shutdown_pool()
        app.config["REPORTS_INLINE"] = False
