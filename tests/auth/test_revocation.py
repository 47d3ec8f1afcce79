"""Signing out, a new password and a disabled account end every session and remember-me
cookie of the account, in every browser that holds a copy."""

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest

from eventapp.auth.models import User
from eventapp.extensions import db
from tests.auth.conftest import (
    REMEMBER,
    SESSION,
    copy_cookies,
    login_with_remember,
    signed_in,
)
from tests.conftest import WebClient
from tests.factories import PASSWORD, make_user


@pytest.fixture
def sara():
    return make_user("sara@example.org", name="سارة")


def test_logout_ends_a_copied_session_and_remember_cookie(app, client, other_browser, sara):
    login_with_remember(client, sara, PASSWORD)
    copy_cookies(client, other_browser)
    assert signed_in(other_browser)
    client.post("/auth/logout")
    assert not signed_in(client)
    assert not signed_in(other_browser)


def test_logout_ends_a_remember_cookie_held_alone(app, client, sara):
    login_with_remember(client, sara, PASSWORD)
    stolen = WebClient(app.test_client())
    copy_cookies(client, stolen, names=(REMEMBER,))
    assert signed_in(stolen)  # the remember cookie alone signs in ...
    client.post("/auth/logout")
    replay = WebClient(app.test_client())
    replay.raw.set_cookie(REMEMBER, stolen.raw.get_cookie(REMEMBER).value)
    assert not signed_in(replay)  # ... but not once the account signed out
    assert not signed_in(stolen)


def test_a_password_change_signs_out_the_other_browsers_only(app, client, other_browser, sara):
    login_with_remember(client, sara, PASSWORD)
    copy_cookies(client, other_browser)
    remember_only = WebClient(app.test_client())
    copy_cookies(client, remember_only, names=(REMEMBER,))
    client.get("/auth/password")
    response = client.post(
        "/auth/password",
        {
            "current_password": PASSWORD,
            "new_password": "a-new-secret-1",
            "confirm": "a-new-secret-1",
        },
    )
    assert response.status_code == 302
    assert signed_in(client)  # this browser goes on, with a new remember cookie too
    fresh = WebClient(app.test_client())
    copy_cookies(client, fresh, names=(REMEMBER,))
    assert signed_in(fresh)
    assert not signed_in(other_browser)
    assert not signed_in(remember_only)


def test_an_administrator_disables_and_enables_an_account(app, client, other_browser, sara):
    login_with_remember(other_browser, sara, PASSWORD)
    admin = make_user("admin@example.org", is_admin=True)
    client.login(admin)
    page = client.get("/auth/users").get_data(as_text=True)
    assert f"/auth/users/{sara.id}/disable" in page
    assert f"/auth/users/{admin.id}/disable" not in page  # no button to lock oneself out
    response = client.post(f"/auth/users/{sara.id}/disable", follow_redirects=True)
    assert "sara@example.org" in response.get_data(as_text=True)
    assert not signed_in(other_browser)
    db.session.expire_all()
    assert db.session.get(User, sara.id).active is False
    # Disabled: the right password no longer opens it, with the usual answer.
    third = WebClient(app.test_client())
    third.get("/auth/login")
    refused = third.post("/auth/login", {"email": sara.email, "password": PASSWORD})
    assert refused.status_code == 200 and "is-invalid" in refused.get_data(as_text=True)
    client.post(f"/auth/users/{sara.id}/enable")
    third.login(sara)
    assert signed_in(third)


def test_an_administrator_cannot_disable_their_own_account(client):
    admin = make_user("admin@example.org", is_admin=True)
    client.login(admin)
    response = client.post(f"/auth/users/{admin.id}/disable", follow_redirects=True)
    assert "لا يمكنك تعطيل حسابك" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).active
    assert signed_in(client)


def test_only_administrators_disable_accounts(client, sara):
    client.login(make_user("organiser@example.org"))
    assert client.post(f"/auth/users/{sara.id}/disable").status_code == 403
    db.session.expire_all()
    assert db.session.get(User, sara.id).active
    assert client.post("/auth/users/999999/disable").status_code == 403
    anonymous = WebClient(client.raw.application.test_client())
    assert anonymous.post(f"/auth/users/{sara.id}/disable").status_code in (302, 400)


def test_cookies_of_the_old_format_are_refused(app, sara):
    """Before 0006 the cookies held the bare id; after the upgrade they sign in no one."""
    browser = WebClient(app.test_client())
    with browser.raw.session_transaction() as stored:
        stored["_user_id"] = str(sara.id)
        stored["_fresh"] = True
    assert not signed_in(browser)


def test_cookie_flags(app, client, sara):
    client.get("/auth/login")
    response = client.post(
        "/auth/login", {"email": sara.email, "password": PASSWORD, "remember": "y"}
    )
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    remember = cookies[REMEMBER]
    assert "HttpOnly" in remember and "SameSite=Lax" in remember
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", remember).group(1))
    days = (expires - dt.datetime.now(dt.UTC)).total_seconds() / 86400
    assert 29.9 < days <= 30  # not a year
    assert remember.startswith(f"{REMEMBER}={sara.id}:0|")  # carries the session version
    assert "Secure" not in remember  # plain HTTP (development)
    assert "HttpOnly" in cookies[SESSION] and "SameSite=Lax" in cookies[SESSION]


def test_cookies_are_secure_over_https(app, sara):
    browser = WebClient(app.test_client())
    browser.get("/auth/login", base_url="https://localhost")
    response = browser.post(
        "/auth/login",
        {"email": sara.email, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/auth/login"},  # Flask-WTF checks it on HTTPS
    )
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert {c.split("=", 1)[0] for c in cookies} >= {SESSION, REMEMBER}
    assert all("; Secure" in c for c in cookies), cookies


def test_forwarded_proto_counts_only_behind_a_trusted_proxy(app):
    from eventapp import create_app

    forwarded = {"X-Forwarded-Proto": "https"}
    direct = app.test_client().get("/auth/login", headers=forwarded)
    assert "Secure" not in direct.headers["Set-Cookie"]  # anyone can send that header

    proxied_app = create_app({**app.config, "TRUSTED_PROXIES": 1})
    try:
        behind = proxied_app.test_client().get("/auth/login", headers=forwarded)
        assert "; Secure" in behind.headers["Set-Cookie"]
        plain = proxied_app.test_client().get("/auth/login")
        assert "Secure" not in plain.headers["Set-Cookie"]
    finally:
        with proxied_app.app_context():
            db.engine.dispose()
