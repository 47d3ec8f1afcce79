"""Account tests read the development mail folder and move cookies between browsers."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest

from tests.conftest import WebClient

REMEMBER = "remember_token"
SESSION = "session"


class Mailbox:
    """The .eml files written since the test began, as a mail client reads them."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.eml"):
            old.unlink()

    def messages(self, to: str | None = None) -> list:
        found = [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(self.folder.glob("*.eml"))
        ]
        return [m for m in found if to is None or m["To"].addresses[0].addr_spec == to]

    @staticmethod
    def text(message) -> str:
        return message.get_body(("plain",)).get_content()

    def link(self, to: str) -> str:
        """The path of the last set-password link sent to this address."""
        (message,) = self.messages(to)[-1:]
        return re.search(r"https?://[^/\s]+(/auth/reset/\S+)", self.text(message)).group(1)


@pytest.fixture
def mailbox(app):
    return Mailbox(Path(app.config["MAIL_FOLDER"]))


@pytest.fixture
def other_browser(app):
    """A second browser, which gets cookies copied from the first with `copy_cookies`."""
    return WebClient(app.test_client())


def copy_cookies(source: WebClient, target: WebClient, names=(SESSION, REMEMBER)) -> None:
    for name in names:
        cookie = source.raw.get_cookie(name)
        if cookie is not None:
            target.raw.set_cookie(name, cookie.value)


def signed_in(client: WebClient) -> bool:
    """Whether this browser's cookies open a page that needs an account."""
    response = client.get("/manage/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and "/auth/login" in response.location
    return False


def login_with_remember(client: WebClient, user, password: str) -> None:
    client.get("/auth/login")
    response = client.post(
        "/auth/login", {"email": user.email, "password": password, "remember": "y"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
