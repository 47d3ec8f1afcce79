"""The permission helpers ask the events layer what they need of it (eventapp.events.answers
answers, registered by create_app): a question nobody answers fails loudly, and never lets a
request through nor refuses it in silence."""

import pytest

from eventapp.auth import permissions


def test_create_app_answers_every_question(app):
    assert set(permissions._answers) == {
        permissions.EVENT,
        permissions.SESSION,
        permissions.EVENTS_OF_PEOPLE,
        permissions.EVENTS_OF_ORGANISATIONS,
        permissions.ORGANISERS_OF,
        permissions.ORGANISATION,
    }


def test_an_unanswered_question_raises(client, organiser, event, monkeypatch):
    client.login(organiser)
    assert client.get(f"/manage/events/{event.id}/").status_code == 200
    monkeypatch.delitem(permissions._answers, permissions.EVENT)
    with pytest.raises(permissions.NoAnswer):
        client.get(f"/manage/events/{event.id}/")
