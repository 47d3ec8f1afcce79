"""Factories for the interventions tests: a session with its facilitator, and interventions
added through the same services the console uses."""

from __future__ import annotations

import pytest

from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.services import Actor
from tests.factories import give_role, make_session, make_user


@pytest.fixture
def session(event):
    return make_session(
        event,
        kind="discussion",
        title_ar="مداخلات ورؤى",
        title_en="Contributions",
        start="14:30",
        end="17:30",
    )


@pytest.fixture
def facilitator(event, session):
    user = make_user("facilitator@example.org", name="ديمة الميسِّرة")
    give_role(user, event, "facilitator", session)
    return user


@pytest.fixture
def participant_user(event, session):
    """A participant: a signed-in account with a role in the event (the fallback identity that
    holds whether or not the registration capability is installed)."""
    other = make_session(event, title_ar="جلسة أخرى", start="09:00", end="10:00")
    user = make_user("participant@example.org", name="سلمى المشاركة")
    give_role(user, event, "rapporteur", other)
    return user


@pytest.fixture
def add():
    """add(session, name, **data) -> Intervention, added by the organisers and committed."""

    def _add(session, name, actor=None, **data):
        data.setdefault("mode", "remote_live")
        data.setdefault("language", "ar")
        intervention = services.add_intervention(
            session, actor or Actor(name="test"), {"speaker_name": name, **data}
        )
        db.session.commit()
        return intervention

    return _add


def version_of(session) -> int:
    db.session.expire_all()
    return services.ensure_state(session).version


@pytest.fixture
def event(make_event, organiser):
    """The event is always ahead of today, so its sessions are not over by the clock."""
    import datetime as dt

    return make_event(organiser=organiser, first_day=dt.date.today() + dt.timedelta(days=30))
