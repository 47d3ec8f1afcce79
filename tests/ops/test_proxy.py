"""Behind nginx with its default headers: the Host is the upstream's address (127.0.0.1:8000),
X-Forwarded-Proto says https and the browser's Referer names the public address. Forms work,
links in e-mails name PUBLIC_URL, cookies are Secure."""

from __future__ import annotations

import pytest
from flask import url_for

from eventapp.config import load_config, public_url_settings
from tests.conftest import WebClient
from tests.factories import PASSWORD
from tests.ops.conftest import app_behind_proxy
from tests.registration.conftest import form_data, mail_folder, open_registration

PUBLIC = "https://multaqa.example.org"
UPSTREAM = "http://127.0.0.1:8000"  # what gunicorn sees: nginx's proxy_pass address


def _nginx(referer_path: str = "/", public: str = PUBLIC) -> dict:
    """The headers nginx sends upstream, with the browser's Referer."""
    return {
        "X-Forwarded-For": "203.0.113.7",
        "X-Forwarded-Proto": "https",
        "X-Real-IP": "203.0.113.7",
        "Referer": public + referer_path,
    }


class Browser(WebClient):
    """A browser on the public address, reaching the app through nginx."""

    def __init__(self, app, public: str = PUBLIC):
        super().__init__(app.test_client())
        self.public = public

    def get(self, url, **kwargs):
        return super().get(url, base_url=UPSTREAM, headers=_nginx(url, self.public), **kwargs)

    def post(self, url, data=None, **kwargs):
        headers = _nginx(url, self.public) | kwargs.pop("headers", {})
        return super().post(url, data, base_url=UPSTREAM, headers=headers, **kwargs)


def test_login_through_nginx(app, make_user):
    user = make_user("proxied@example.org")
    with app_behind_proxy(app, PUBLIC) as proxied:
        browser = Browser(proxied)
        assert browser.get("/auth/login").status_code == 200
        response = browser.post("/auth/login", {"email": user.email, "password": PASSWORD})
        assert response.status_code == 302
        cookies = response.headers.getlist("Set-Cookie")
        assert cookies and all("; Secure" in c for c in cookies)
        assert browser.get("/manage/").status_code == 200


def test_a_referer_from_elsewhere_is_still_refused(app, make_user):
    user = make_user("proxied@example.org")
    with app_behind_proxy(app, PUBLIC) as proxied:
        browser = Browser(proxied)
        browser.get("/auth/login")
        for referer in ("https://evil.example/auth/login", "http://multaqa.example.org/"):
            response = browser.post(
                "/auth/login",
                {"email": user.email, "password": PASSWORD},
                headers={"Referer": referer},
            )
            assert response.status_code == 400, referer
        missing = browser.raw.post(
            "/auth/login",
            data={"email": user.email, "password": PASSWORD, "csrf_token": browser.token},
            base_url=UPSTREAM,
            headers={"X-Forwarded-Proto": "https"},
        )
        assert missing.status_code == 400


def test_without_public_url_nginx_default_host_refuses_forms(app, make_user):
    """Why PUBLIC_URL is needed: Flask-WTF alone compares the Referer with the Host."""
    user = make_user("proxied@example.org")
    with app_behind_proxy(app) as proxied:
        browser = Browser(proxied)
        browser.get("/auth/login")
        response = browser.post("/auth/login", {"email": user.email, "password": PASSWORD})
        assert response.status_code == 400


def test_sign_up_through_nginx_mails_a_link_on_the_public_address(app, make_event, organiser):
    event = make_event(organiser=organiser, days=2)
    open_registration(event, capacity_in_person=10)
    read_mail = mail_folder(app)
    with app_behind_proxy(app, PUBLIC) as proxied:
        browser = Browser(proxied)
        assert browser.get(f"/e/{event.slug}/register").status_code == 200
        response = browser.post(f"/e/{event.slug}/register", form_data(event))
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
    [message] = read_mail()
    body = message.get_body(("plain",)).get_content()
    assert f"{PUBLIC}/r/" in body
    assert "127.0.0.1" not in body and "http://" not in body


def test_another_host_is_still_served_and_jobs_link_to_the_public_address(app):
    with app_behind_proxy(app, PUBLIC) as proxied:
        client = proxied.test_client()
        assert client.get("/", base_url="http://10.0.0.5:8000").status_code == 200
        with proxied.app_context():  # a job or a retry in the worker: no request
            assert url_for("main.home", _external=True) == f"{PUBLIC}/"


def test_public_url_settings(monkeypatch, tmp_path):
    assert public_url_settings("https://multaqa.example.org/") == {
        "PUBLIC_URL": PUBLIC,
        "SERVER_NAME": "multaqa.example.org",
        "PREFERRED_URL_SCHEME": "https",
    }
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        public_url_settings("https://example.org/multaqa")
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.setenv("PUBLIC_URL", PUBLIC)
    config = load_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")  # a choice made on purpose wins
    assert not load_config(tmp_path)["REMEMBER_COOKIE_SECURE"]
    monkeypatch.setenv("PUBLIC_URL", "http://127.0.0.1:5000")
    monkeypatch.delenv("SESSION_COOKIE_SECURE")
    assert not load_config(tmp_path)["SESSION_COOKIE_SECURE"]


def test_the_api_and_calendars_name_the_public_address(app, event, make_session):
    make_session(event)
    with app_behind_proxy(app, PUBLIC) as proxied:
        browser = Browser(proxied)
        document = browser.get("/api/v1/openapi.json").get_json()
        assert [server["url"] for server in document["servers"]][0].startswith(PUBLIC)
        response = browser.get(f"/e/{event.slug}/agenda.ics")
        calendar = response.get_data(as_text=True)
        assert response.status_code == 200 and "@multaqa.example.org" in calendar
        assert "127.0.0.1" not in calendar
