"""Factories for outcome tests: a session with a rapporteur, outcomes written through services."""

from __future__ import annotations

import pytest

from eventapp.extensions import db
from eventapp.outcomes import items, session_outcomes
from tests.conftest import QueryCounter
from tests.factories import give_role, make_person, make_session, make_user


@pytest.fixture(autouse=True)
def _reports_inline(reports_inline):
    """Background reports run in the request (tests/conftest.py)."""


@pytest.fixture
def session(event):
    presenter = make_person("بهاء الدين السعدي", "Bahaa Eddin Al-Saadi")
    moderator = make_person("ديمه الصقري", "Deema Al-Saqri")
    return make_session(
        event,
        title_ar="الآلية الوطنية لإعداد التقارير",
        title_en="The national reporting mechanism",
        guiding_question_ar="كيف نصنّف التوصيات ونحدد أولويات تنفيذها؟",
        people=[(moderator, "facilitator"), (presenter, "presenter")],
    )


@pytest.fixture
def rapporteur(event, session):
    user = make_user("rapporteur@example.org", name="خالد المقرر")
    give_role(user, event, "rapporteur", session)
    return user


def write_outcome(session, user, **sections):
    data = {"summary": "ملخص الجلسة", **sections}
    outcome = session_outcomes.session_outcome(session)
    session_outcomes.save_session_outcome(session, data, outcome.version if outcome else 0, user)
    db.session.commit()
    return session_outcomes.session_outcome(session)


def add_rec(event, session, text, addressee=None, theme=None, priority="medium"):
    rec = items.add_recommendation(
        event, session, {"text": text, "addressee": addressee, "theme": theme, "priority": priority}
    )
    db.session.commit()
    return rec


def login_as(client, user):
    """Sign out whoever is signed in, then sign in as ``user``."""
    client.post("/auth/logout")
    return client.login(user)


@pytest.fixture
def queries():
    return QueryCounter()  # reusable: `with queries:` then `queries.count`
