"""Digits in a participant's e-mail follow the event's setting (issue 16, part 5): the days of a
confirmation, in its text and its HTML, in Arabic-Indic digits when the event uses them and the
message is in Arabic, in Western digits otherwise (an English message always has them).
The .ics files carry machine dates; their DESCRIPTION holds no number of Multaqa's own, only
what organisers typed."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from eventapp.extensions import db
from eventapp.registration import notify
from tests.registration.conftest import register

ARABIC_INDIC = re.compile("[٠-٩]")
WESTERN = re.compile("[0-9]")


def _days_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(("الأيام", "Days")))


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("arabic_digits", [True, False])
def test_confirmation_mail_days_follow_the_event_digits(app, open_event, language, arabic_digits):
    open_event.use_arabic_digits = arabic_digits
    person = register(open_event, name_ar="سلمى")
    person.locale = language
    db.session.commit()
    with app.test_request_context(), force_locale(language):
        _subject, text, html = notify.render_message(person, "registered", "http://x/r/1")
    days = _days_line(text)
    indic = arabic_digits and language == "ar"
    wanted, unwanted = (ARABIC_INDIC, WESTERN) if indic else (WESTERN, ARABIC_INDIC)
    assert wanted.search(days) and not unwanted.search(days), days
    day_text = re.sub(r"\s+", " ", days.split(":", 1)[1]).strip()
    first_day = re.split("؛|;", day_text)[0].strip()
    assert first_day in re.sub(r"\s+", " ", html), (first_day, html[:500])
