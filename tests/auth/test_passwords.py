"""Changing a password, and choosing one through an e-mailed link that expires and works once."""

import contextlib
import time

import pytest
from itsdangerous import TimestampSigner

from eventapp.auth import services
from eventapp.auth.models import User
from eventapp.extensions import db
from tests.auth.conftest import copy_cookies, signed_in
from tests.conftest import WebClient
from tests.factories import PASSWORD, make_user

NEW = "a-new-secret-1"
SAME_ANSWER = "إن كان لهذا العنوان حساب، فقد أرسلنا إليه رابطًا لاختيار كلمة مرور جديدة."


@pytest.fixture
def sara():
    return make_user("sara@example.org", name="سارة")


def can_sign_in(app, email: str, password: str) -> bool:
    browser = WebClient(app.test_client())
    browser.get("/auth/login")
    response = browser.post("/auth/login", {"email": email, "password": password})
    return response.status_code == 302


@contextlib.contextmanager
def signed_in_the_past(seconds: int):
    """Links signed while inside were signed `seconds` ago."""
    original = TimestampSigner.get_timestamp
    TimestampSigner.get_timestamp = lambda self: int(time.time()) - seconds
    try:
        yield
    finally:
        TimestampSigner.get_timestamp = original


# --- change --------------------------------------------------------------------------------


def test_the_signed_in_menu_and_the_login_page_link_to_passwords(client, sara):
    login_page = client.get("/auth/login").get_data(as_text=True)
    assert "/auth/forgot" in login_page and "نسيت كلمة المرور؟" in login_page
    client.login(sara)
    menu = client.get("/manage/").get_data(as_text=True)
    assert "/auth/password" in menu and "تغيير كلمة المرور" in menu


def test_change_password(app, client, sara):
    client.login(sara)
    form = client.get("/auth/password").get_data(as_text=True)
    assert "كلمة المرور الحالية" in form
    response = client.post(
        "/auth/password", {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert "سُجِّل خروجك من أجهزتك الأخرى" in client.get("/manage/").get_data(as_text=True)
    assert can_sign_in(app, sara.email, NEW)
    assert not can_sign_in(app, sara.email, PASSWORD)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"current_password": "wrong-password", "new_password": NEW, "confirm": NEW},
            "كلمة المرور الحالية غير صحيحة.",
        ),
        (
            {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW + "x"},
            "كلمتا المرور الجديدتان غير متطابقتين.",
        ),
        (
            {"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
            "يجب أن تتكون كلمة المرور من 8 أحرف إلى 200 حرف.",
        ),
        (
            {"current_password": PASSWORD, "new_password": "x" * 201, "confirm": "x" * 201},
            "يجب أن تتكون كلمة المرور من 8 أحرف إلى 200 حرف.",
        ),
    ],
)
def test_a_refused_change_explains_and_changes_nothing(app, client, sara, data, message):
    client.login(sara)
    client.get("/auth/password")
    response = client.post("/auth/password", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page and "is-invalid" in page
    for typed in set(data.values()):
        assert f'value="{typed}"' not in page  # passwords are never sent back
    assert signed_in(client)
    assert can_sign_in(app, sara.email, PASSWORD)


def test_changing_a_password_needs_an_account(client):
    response = client.get("/auth/password")
    assert response.status_code == 302 and "/auth/login" in response.location


# --- forgotten -----------------------------------------------------------------------------


def test_known_and_unknown_addresses_get_the_same_answer(client, mailbox, sara):
    disabled = make_user("gone@example.org")
    disabled.active = False
    db.session.commit()
    answers = []
    for address in ("sara@example.org", "nobody@example.org", "gone@example.org"):
        client.get("/auth/forgot")
        response = client.post("/auth/forgot", {"email": address})
        assert response.status_code == 302
        answers.append((response.location, client.get(response.location).get_data(as_text=True)))
    assert answers[0][0] == answers[1][0] == answers[2][0]
    assert all(SAME_ANSWER in page for _location, page in answers)
    assert len(mailbox.messages("sara@example.org")) == 1
    assert mailbox.messages("nobody@example.org") == []
    assert mailbox.messages("gone@example.org") == []


def test_a_bad_address_is_explained_and_kept(client, mailbox):
    client.get("/auth/forgot")
    response = client.post("/auth/forgot", {"email": "not an address"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "is-invalid" in page and 'value="not an address"' in page
    assert mailbox.messages() == []


def test_reset_by_link(app, client, other_browser, mailbox, sara):
    # An old session elsewhere (a lost phone) ends with the reset.
    other_browser.login(sara)
    client.get("/auth/forgot")
    client.post("/auth/forgot", {"email": "Sara@Example.org"})
    (message,) = mailbox.messages("sara@example.org")
    assert "كلمة مرور جديدة" in message["Subject"]
    assert "60 دقيقة" in mailbox.text(message)
    link = mailbox.link("sara@example.org")

    page = client.get(link)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page.headers["Cache-Control"]
    assert 'name="name"' not in page.get_data(as_text=True)  # names are asked of invitees only

    mismatch = client.post(link, {"new_password": NEW, "confirm": "something-else"})
    assert "كلمتا المرور الجديدتان غير متطابقتين." in mismatch.get_data(as_text=True)
    assert can_sign_in(app, sara.email, PASSWORD)

    done = client.post(link, {"new_password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert signed_in(client)
    assert not signed_in(other_browser)
    assert can_sign_in(app, sara.email, NEW) and not can_sign_in(app, sara.email, PASSWORD)

    # The link works once.
    again = WebClient(app.test_client())
    used = again.get(link)
    assert used.status_code == 404 and "هذا الرابط غير صالح" in used.get_data(as_text=True)
    again.get("/auth/login")
    assert (
        again.post(link, {"new_password": "third-secret", "confirm": "third-secret"}).status_code
        == 404
    )
    assert can_sign_in(app, sara.email, NEW)


def test_a_reset_link_expires_after_an_hour(app, client, sara):
    with signed_in_the_past(60 * 60 + 5):
        late = services.password_link_token(sara, services.RESET)
    with signed_in_the_past(60 * 60 - 60):
        in_time = services.password_link_token(sara, services.RESET)
    assert client.get(f"/auth/reset/{late}").status_code == 404
    assert client.get(f"/auth/reset/{in_time}").status_code == 200


def test_an_invitation_link_lasts_a_week(app, client, sara):
    with signed_in_the_past(6 * 24 * 60 * 60):
        invitation = services.password_link_token(sara, services.INVITATION)
    with signed_in_the_past(8 * 24 * 60 * 60):
        too_old = services.password_link_token(sara, services.INVITATION)
    assert client.get(f"/auth/reset/{invitation}").status_code == 200
    assert client.get(f"/auth/reset/{too_old}").status_code == 404


@pytest.mark.parametrize("token", ["x", "eyJ1IjoxfQ.abc.def", "a" * 300])
def test_forged_links_are_refused(client, sara, token):
    response = client.get(f"/auth/reset/{token}")
    assert response.status_code == 404
    assert "هذا الرابط غير صالح" in response.get_data(as_text=True)


def test_a_link_dies_when_the_account_is_disabled_or_signs_out(app, client, sara):
    token = services.password_link_token(sara, services.RESET)
    services.revoke_sessions(sara)
    db.session.commit()
    assert client.get(f"/auth/reset/{token}").status_code == 404
    token = services.password_link_token(sara, services.RESET)
    sara.active = False
    db.session.commit()
    assert client.get(f"/auth/reset/{token}").status_code == 404


def test_a_link_for_another_purpose_is_refused(app, client, sara):
    from itsdangerous import URLSafeTimedSerializer

    other_salt = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="something-else")
    token = other_salt.dumps({"u": sara.id, "v": sara.session_version, "k": "reset"})
    assert client.get(f"/auth/reset/{token}").status_code == 404
    unknown_kind = services._link_serializer().dumps({"u": sara.id, "v": 0, "k": "admin"})
    assert client.get(f"/auth/reset/{unknown_kind}").status_code == 404


def test_copied_cookies_do_not_survive_a_reset(app, client, other_browser, mailbox, sara):
    client.login(sara)
    copy_cookies(client, other_browser)
    token = services.password_link_token(sara, services.RESET)
    third = WebClient(app.test_client())
    third.get(f"/auth/reset/{token}")
    third.post(f"/auth/reset/{token}", {"new_password": NEW, "confirm": NEW})
    assert not signed_in(client) and not signed_in(other_browser)
    db.session.expire_all()
    assert db.session.get(User, sara.id).session_version >= 1
