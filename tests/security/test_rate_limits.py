"""Rate limits: guessing a password, sign-up and mail floods, PDF bursts are refused with a
translated 429 page and Retry-After; a room of people behind one address is not."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from eventapp import create_app
from eventapp.extensions import db, limiter
from eventapp.registration.models import Registration
from tests import factories
from tests.conftest import redis_runs
from tests.factories import give_role, make_session
from tests.registration.conftest import form_data, open_registration, register


def _eml_count(app) -> int:
    return len(list(Path(app.config["MAIL_FOLDER"]).glob("*.eml")))


def test_fifty_wrong_passwords_then_the_right_one_is_refused(rate_limited, client, make_user):
    user = make_user("target@example.org")
    client.get("/auth/login")
    codes = [
        client.post("/auth/login", {"email": user.email, "password": f"guess-{n}"}).status_code
        for n in range(50)
    ]
    assert codes.count(429) >= 40  # ten tries, then refused
    response = client.post("/auth/login", {"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    page = response.get_data(as_text=True)
    assert "طلبات كثيرة جدًا" in page and "يُرجى الانتظار قليلًا" in page  # translated
    assert client.get("/manage/").status_code == 302  # not signed in


def test_guessing_from_many_addresses_is_still_counted_per_account(rate_limited, client, make_user):
    user = make_user("target2@example.org")
    client.get("/auth/login")
    for n in range(12):
        response = client.post(
            "/auth/login",
            {"email": user.email.upper(), "password": f"guess-{n}"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{n + 1}"},
        )
    assert response.status_code == 429
    # Another account from the same addresses is not locked out by it.
    other = make_user("colleague@example.org")
    response = client.post(
        "/auth/login",
        {"email": other.email, "password": factories.PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.1"},
    )
    assert response.status_code == 302


def test_sign_up_burst_gets_429_with_retry_after(rate_limited, client, make_event, organiser):
    event = make_event(organiser=organiser, days=1, first_day=factories_future())
    open_registration(event)
    client.get(f"/e/{event.slug}/register")
    codes = []
    for n in range(210):  # invalid forms cost little and count the same
        codes.append(
            client.post(f"/e/{event.slug}/register", {"email": f"x{n}@example.org"}).status_code
        )
    assert codes[:200].count(429) == 0  # a room of 100 behind one address gets through
    assert codes[200:] == [429] * 10
    response = client.post(f"/e/{event.slug}/register", form_data(event))
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 0
    # The blank form is still served (GET is not counted).
    assert client.get(f"/e/{event.slug}/register").status_code == 200


def test_one_mailbox_gets_few_sign_up_mails(rate_limited, client, make_event, organiser):
    event = make_event(organiser=organiser, days=1, first_day=factories_future())
    open_registration(event)
    client.get(f"/e/{event.slug}/register")
    codes = [
        client.post(
            f"/e/{event.slug}/register",
            form_data(event, email="victim@example.org"),
            environ_base={"REMOTE_ADDR": f"198.51.100.{n + 1}"},
        ).status_code
        for n in range(10)
    ]
    assert codes[5:] == [429] * 5


def test_resend_burst_sends_at_most_three_mails(rate_limited, app, client, make_event, organiser):
    event = make_event(organiser=organiser, days=1, first_day=factories_future())
    open_registration(event)
    register(event, "victim@example.org")
    before = _eml_count(app)
    client.get(f"/e/{event.slug}/register")
    codes = [
        client.post(f"/e/{event.slug}/register/resend", {"email": "victim@example.org"}).status_code
        for _ in range(50)
    ]
    assert _eml_count(app) - before == 3
    assert codes.count(429) == 47


def test_session_pdf_burst_is_refused_after_twelve(rate_limited, client, make_user, make_event):
    organiser = make_user("org-pdf@example.org")
    event = make_event(organiser=organiser)
    session = make_session(event)
    give_role(organiser, event, "organiser")
    client.login(organiser)
    codes = [
        client.raw.get(f"/manage/sessions/{session.id}/report.pdf").status_code for _ in range(14)
    ]
    assert codes[:12] == [200] * 12
    assert codes[12:] == [429, 429]
    # A colleague signed in from the same address has a budget of their own.
    colleague = make_user("colleague-pdf@example.org")
    give_role(colleague, event, "organiser")
    other = type(client)(client.raw.application.test_client())
    other.login(colleague)
    assert other.raw.get(f"/manage/sessions/{session.id}/report.pdf").status_code == 200


def test_live_json_answers_429_in_json(rate_limited, app, client, make_event, organiser):
    event = make_event(organiser=organiser)
    session = make_session(event)
    app.config["RATE_LIMITS"]["interventions.live_poll"] = {"account": "3 per minute"}
    try:
        codes = [client.get(f"/live/sessions/{session.id}.json").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        response = client.get(f"/live/sessions/{session.id}.json")
        assert response.is_json and response.get_json()["error"]
        assert int(response.headers["Retry-After"]) > 0
    finally:
        app.config["RATE_LIMITS"]["interventions.live_poll"] = {"account": "6000 per minute"}


def test_every_pdf_endpoint_is_limited(app):
    pdf_endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.rule.endswith(".pdf")}
    assert pdf_endpoints <= set(app.config["RATE_LIMITS"])


def test_a_misspelt_endpoint_stops_the_app_at_start(app, tmp_path):
    with pytest.raises(RuntimeError, match="auth.logni"):
        create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
                "RATE_LIMITS": {"auth.logni": {"address": "1 per minute"}},
            }
        )
    limiter.init_app(app)


@pytest.mark.skipif(not redis_runs(), reason="no Redis on 127.0.0.1:6379")
def test_counters_are_shared_through_redis(app, tmp_path):
    """With REDIS_URL, every worker counts in the same place: two apps (two workers) share it.
    A secret of its own makes this run's keys new; they are removed at the end (no flush)."""
    url = "redis://127.0.0.1:6379/15"
    store = redis.Redis.from_url(url)
    config = {
        "SECRET_KEY": secrets.token_hex(8),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
        "RATELIMIT_STORAGE_URI": url,
        "RATE_LIMITS_ENABLED": True,
        "WTF_CSRF_ENABLED": False,
        "RATE_LIMITS": {"auth.login": {"email": "2 per minute"}},
    }
    try:
        first = create_app(dict(config))
        with first.app_context():
            db.create_all()
        second = create_app(dict(config))
        post = {"email": "shared@example.org", "password": "x"}
        assert first.test_client().post("/auth/login", data=post).status_code == 200
        assert second.test_client().post("/auth/login", data=post).status_code == 200
        assert first.test_client().post("/auth/login", data=post).status_code == 429
        keys = [k for k in store.keys("*auth.login*") if b"email:" in k]
        assert keys and not any(b"shared@example.org" in k for k in keys)
    finally:
        for key in store.keys("*auth.login*"):
            store.delete(key)
        limiter.init_app(app)  # the suite's app counts in memory again


def factories_future():
    return dt.date.today() + dt.timedelta(days=30)
