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


def test_an_unexpected_error_is_a_translated_500_page(app):
    from eventapp import create_app

    broken = create_app(
        {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "x"}
    )

    @broken.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in page and "Traceback" not in page
    assert "حدث خطأ" in page or "خطأ" in page


def test_forbidden_page_is_translated(client, event, make_user):
    client.login(make_user("stranger@example.org"))
    response = client.get(f"/manage/events/{event.id}/")
    assert response.status_code == 403
    assert "صلاحية" in response.get_data(as_text=True)
