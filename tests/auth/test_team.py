"""Adding a team member by e-mail never tells an organiser whether the address has an account:
an address without one is invited to set a password, one with an account is told of the role,
and the organiser sees the same answer and the same team page."""

import re

import pytest

from eventapp.auth.models import EventRole
from eventapp.auth.permissions import can_act_on_session, can_manage_event
from eventapp.auth.services import find_user
from eventapp.extensions import db
from tests.auth.conftest import signed_in
from tests.conftest import WebClient
from tests.factories import make_user

NEW = "a-new-secret-1"


@pytest.fixture
def session(make_session, event):
    return make_session(event)


def add(client, event, email, role="facilitator", session_id=0):
    url = f"/manage/events/{event.id}/team"
    client.get(url)
    return client.post(url, {"email": email, "role": role, "session_id": str(session_id)})


def answer_and_team(client, event, email, session):
    """What the organiser sees after adding the address: the message and the team row."""
    response = add(client, event, email, session_id=session.id)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    message = re.search(r'<div class="alert[^>]*>(.*?)</div>', page, re.S).group(1)
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if email in r)
    # The CSRF token carries a timestamp: two pages a second apart differ there only.
    row = re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token"', row)
    return (
        " ".join(message.replace(email, "EMAIL").split()),
        re.sub(r"/team/\d+/", "/team/N/", " ".join(row.replace(email, "EMAIL").split())),
    )


def test_known_and_unknown_addresses_look_the_same(app, client, organiser, event, session, mailbox):
    make_user("known@example.org", name="اسم صاحب الحساب")
    client.login(organiser)
    known = answer_and_team(client, event, "known@example.org", session)
    unknown = answer_and_team(client, event, "unknown@example.org", session)
    assert known == unknown
    assert "أُرسلت دعوة إلى \u2066EMAIL\u2069" in known[0]  # the address isolated
    page = client.get(f"/manage/events/{event.id}/team").get_data(as_text=True)
    assert "اسم صاحب الحساب" not in page  # the account's name would tell it existed
    # Both have the role at once.
    for email in ("known@example.org", "unknown@example.org"):
        assert can_act_on_session(find_user(email), session)
        assert not can_manage_event(find_user(email), event)
    # The holder of a known address is told; the other is invited to set a password.
    (notice,) = mailbox.messages("known@example.org")
    assert "/auth/reset/" not in mailbox.text(notice) and "/auth/login" in mailbox.text(notice)
    (invitation,) = mailbox.messages("unknown@example.org")
    assert "/auth/reset/" in mailbox.text(invitation)
    assert event.title in invitation["Subject"]


def test_an_invited_person_sets_a_password_and_appears_by_name(
    app, client, organiser, event, session, mailbox
):
    client.login(organiser)
    add(client, event, "Newcomer@Example.org", role="organiser")
    user = find_user("newcomer@example.org")
    assert user is not None and not user.has_password and user.active
    assert not user.check_password("")
    # The account opens with no password until one is chosen.
    stranger = WebClient(app.test_client())
    stranger.get("/auth/login")
    refused = stranger.post("/auth/login", {"email": user.email, "password": user.password_hash})
    assert refused.status_code == 200

    link = mailbox.link("newcomer@example.org")
    text = mailbox.text(mailbox.messages("newcomer@example.org")[0])
    assert "7 أيام" in text and "منظمة الفعالية" in text  # the expiry, and who invited
    invitee = WebClient(app.test_client())
    form = invitee.get(link).get_data(as_text=True)
    assert 'name="name"' in form
    bad = invitee.post(link, {"name": "سلمى", "new_password": "short", "confirm": "short"})
    page = bad.get_data(as_text=True)
    assert 'value="سلمى"' in page and "is-invalid" in page and 'value="short"' not in page
    done = invitee.post(link, {"name": "سلمى الحسيني", "new_password": NEW, "confirm": NEW})
    assert done.status_code == 302 and signed_in(invitee)
    assert can_manage_event(find_user("newcomer@example.org"), event)
    team = client.get(f"/manage/events/{event.id}/team").get_data(as_text=True)
    assert "سلمى الحسيني" in team
    assert invitee.get(link).status_code == 404  # used


def test_a_known_member_appears_by_name_once_they_sign_in(app, client, organiser, event, session):
    colleague = make_user("colleague@example.org", name="زميلة قديمة")
    client.login(organiser)
    add(client, event, colleague.email, session_id=session.id)
    url = f"/manage/events/{event.id}/team"
    assert "زميلة قديمة" not in client.get(url).get_data(as_text=True)
    WebClient(app.test_client()).login(colleague)
    assert "زميلة قديمة" in client.get(url).get_data(as_text=True)


def test_the_event_creator_and_admins_see_names(app, client, organiser, event, session):
    make_user("known@example.org", name="اسم صاحب الحساب")
    client.login(organiser)
    add(client, event, "known@example.org", session_id=session.id)
    assert "منظمة الفعالية" in client.get(f"/manage/events/{event.id}/team").get_data(as_text=True)
    admin_browser = WebClient(app.test_client())
    admin_browser.login(make_user("admin@example.org", is_admin=True))
    page = admin_browser.get(f"/manage/events/{event.id}/team").get_data(as_text=True)
    assert "اسم صاحب الحساب" in page


def test_a_disabled_account_gets_the_role_and_no_mail(client, organiser, event, session, mailbox):
    gone = make_user("gone@example.org")
    gone.active = False
    db.session.commit()
    client.login(organiser)
    response = add(client, event, "gone@example.org", session_id=session.id)
    assert response.status_code == 302
    assert mailbox.messages("gone@example.org") == []
    assert db.session.query(EventRole).filter_by(user_id=gone.id).count() == 1


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"email": "not an address", "role": "organiser", "session_id": "0"}, "invalid-feedback"),
        (
            {"email": "a" * 60 + "@" + "b" * 200 + ".org", "role": "organiser", "session_id": "0"},
            "invalid-feedback",
        ),
        (
            {"email": "someone@example.org", "role": "facilitator", "session_id": "0"},
            "يُسند دورا الميسّر والمقرر في جلسة محددة",
        ),
    ],
)
def test_bad_input_changes_nothing(client, organiser, event, mailbox, data, field_message):
    client.login(organiser)
    url = f"/manage/events/{event.id}/team"
    client.get(url)
    before = db.session.query(EventRole).count()
    response = client.post(url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "is-invalid" in page and field_message in page
    assert f'value="{data["email"]}"' in page
    assert db.session.query(EventRole).count() == before
    assert find_user("someone@example.org") is None and mailbox.messages() == []


def test_only_organisers_add_members(app, client, event, session, mailbox):
    before = db.session.query(EventRole).count()
    client.login(make_user("outsider@example.org"))
    assert add(client, event, "x@example.org", role="organiser").status_code == 403
    assert find_user("x@example.org") is None and mailbox.messages() == []
    assert db.session.query(EventRole).count() == before
