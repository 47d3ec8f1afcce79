"""Organisers' tests read the mail folder (tests/auth's mailbox)."""

from tests.auth.conftest import mailbox  # noqa: F401 (a fixture)
