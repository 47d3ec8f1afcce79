"""Signing in takes as long for an address without an account as for one with an account, with
the product's password hash (scrypt), so the time does not tell who has an account."""

import statistics
import time

import pytest

from eventapp.auth import services
from eventapp.auth.models import User
from eventapp.extensions import db
from tests.conftest import WebClient
from tests.factories import make_user


@pytest.fixture
def product_hash(app):
    """The product's hash method instead of the suite's fast one, for this test."""
    fast = app.config["PASSWORD_HASH_METHOD"]
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    yield "scrypt"
    app.config["PASSWORD_HASH_METHOD"] = fast


def median_seconds(attempt, tries: int = 3) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        attempt()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_unknown_disabled_and_invited_accounts_cost_a_hash_check(app, product_hash):
    known = make_user("known@example.org", password="the-right-password")
    assert known.password_hash.startswith("scrypt:")
    disabled = make_user("disabled@example.org", password="the-right-password")
    disabled.active = False
    invited = User(email="invited@example.org", name="invited")
    invited.set_unusable_password()
    db.session.add(invited)
    db.session.commit()
    services.authenticate("warm-up@example.org", "x")  # the dummy hash is made once

    def sign_in(email):
        return lambda: services.authenticate(email, "a-wrong-password")

    known_time = median_seconds(sign_in("known@example.org"))
    for email in ("nobody@example.org", "disabled@example.org", "invited@example.org"):
        other = median_seconds(sign_in(email))
        # Equal work; a generous factor for a busy shared machine.
        assert other >= 0.5 * known_time, (email, other, known_time)
    assert known_time > 0.005  # scrypt really ran (milliseconds, not microseconds)
    assert services.authenticate("known@example.org", "the-right-password") == known
    assert services.authenticate("disabled@example.org", "the-right-password") is None
    assert services.authenticate("invited@example.org", invited.password_hash) is None


def test_the_login_page_answers_unknown_and_wrong_the_same(app, product_hash):
    make_user("known@example.org", password="the-right-password")
    pages = []
    for email in ("known@example.org", "nobody@example.org"):
        browser = WebClient(app.test_client())
        browser.get("/auth/login")
        response = browser.post("/auth/login", {"email": email, "password": "a-wrong-password"})
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        pages.append(page.replace(email, "EMAIL").replace(browser.token, "TOKEN"))
    assert "البريد الإلكتروني أو كلمة المرور غير صحيحة." in pages[0]
    assert pages[0] == pages[1]
