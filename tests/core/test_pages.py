"""The Arabic-first shell: direction, language switch, error pages."""

from tests.factories import make_session


def test_home_is_arabic_and_rtl_by_default(client, event):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "مؤتمر حقوق الإنسان" in page
    assert "bootstrap.rtl.min.css" in page


def test_language_switch_persists_and_turns_the_page_ltr(client, event):
    response = client.switch_language("en")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert "Human Rights Conference" in page
    assert client.get(f"/e/{event.slug}/").get_data(as_text=True).count('dir="ltr"') >= 1


def test_unknown_language_is_404(client):
    assert client.get("/lang/xx").status_code == 404


def test_404_page_is_translated(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "غير موجودة" in response.get_data(as_text=True) or "404" in response.get_data(
        as_text=True
    )


def test_public_event_page_shows_the_programme(client, event):
    make_session(event, title_ar="الجلسة الافتتاحية", start="09:00", end="09:30")
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert "الجلسة الافتتاحية" in page
    assert "09:00" in page
