"""`flask ...` commands speak English to the administrator at the terminal, Arabic when
MULTAQA_CLI_LANGUAGE=ar asks for it; the pages keep following their reader."""

from __future__ import annotations

import pytest

ARGS = ["users", "create-admin", "--email", "root@example.org", "--password", "short"]


@pytest.fixture
def cli_language(app):
    saved = app.config["CLI_LANGUAGE"]
    yield lambda language: app.config.update(CLI_LANGUAGE=language)
    app.config["CLI_LANGUAGE"] = saved


def test_commands_speak_english_by_default(app, cli_language):
    result = app.test_cli_runner().invoke(args=ARGS)
    assert result.exit_code == 1
    assert "The password must have at least 8 characters." in result.output


def test_commands_speak_arabic_when_asked(app, cli_language, client):
    cli_language("ar")
    result = app.test_cli_runner().invoke(args=ARGS)
    assert "يجب ألا تقل كلمة المرور عن 8 أحرف." in result.output
    cli_language("en")
    assert 'lang="ar"' in client.get("/").get_data(as_text=True)  # pages: the reader's choice
