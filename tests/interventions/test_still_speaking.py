"""«ما زال … يتحدث» in the three forms: the speaker's form comes from their directory entry
or their registration, and a Latin name is isolated in the Arabic sentence (an Arabic one needs
no isolate: eventapp.reports.text.isolate)."""

import pytest
from flask_babel import force_locale

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.console_actions import still_speaking
from eventapp.interventions.services import Actor
from eventapp.people import FormOfAddress
from eventapp.registration import services as registration_services
from eventapp.registration.models import Mode
from tests.factories import make_person

ACTOR = Actor(name="الميسّرة")


def _call(session, item):
    services.change_status(session, ACTOR, item.id, "call")
    db.session.commit()


def _refusal(session, add, live) -> str:
    _call(session, live)
    waiting = add(session, "التالي")
    with force_locale("ar"), pytest.raises(DomainError) as refused:
        services.change_status(session, ACTOR, waiting.id, "call")
    db.session.rollback()
    return str(refused.value)


def test_a_woman_speaker_is_still_speaking_in_the_feminine(session, add):
    woman = make_person("سلمى الخطيب", "Salma Khatib", form_of_address="feminine")
    message = _refusal(session, add, add(session, "", person_id=woman.id))
    assert message.startswith("ما زالت سلمى الخطيب تتحدث")
    assert "أنهِ" not in message  # no imperative that assumes the facilitator is a man


def test_a_man_and_a_typed_name_read_masculine_and_neutral(session, add):
    man = make_person("عمر الحداد", "Omar Haddad", form_of_address="masculine")
    live = add(session, "", person_id=man.id)
    assert _refusal(session, add, live).startswith("ما زال عمر الحداد يتحدث")
    services.change_status(session, ACTOR, live.id, "deliver")
    db.session.commit()
    typed = add(session, "Jane Doe")  # a name typed by the organisers: no form known
    message = _refusal(session, add, typed)
    assert message.startswith("ما زالت مداخلة \u2068Jane Doe\u2069 جارية")


def test_a_registered_participant_s_form_comes_from_the_registration(event, session, add):
    registration_services.register(
        event,
        {
            "name_ar": "ريم حداد",
            "email": "reem@example.org",
            "category": "delegate",
            "mode": Mode.IN_PERSON,
            "day_ids": [d.id for d in event.days],
            "form_of_address": FormOfAddress.FEMININE,
        },
        organiser=True,
        override_capacity=True,
    )
    db.session.commit()
    live = add(session, "ريم حداد", participant_email="reem@example.org")
    with force_locale("ar"):
        assert still_speaking(live).startswith("ما زالت ريم حداد تتحدث")
    with force_locale("en"):
        assert still_speaking(live) == ("ريم حداد is still speaking: end that intervention first.")
