"""A general assembly: attendance counted against the organiser's voting roll at the door and
in the minutes ("present 7 of 12 members; quorum of 7 reached"), the vote on each agenda item
(validated, versioned), and the outcome summary as Arabic minutes with consent honoured."""

from __future__ import annotations

import subprocess

import pytest
from flask_babel import force_locale

from eventapp.events import assembly
from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory
from eventapp.outcomes import votes
from eventapp.outcomes.summarydata import outcome_summary_data
from eventapp.registration import checkin
from eventapp.registration.models import ReportNaming
from eventapp.reports import render_pdf
from tests.outcomes.pdfs import text
from tests.registration.conftest import open_registration, register

NAMES = [
    "أمل",
    "باسل",
    "جنى",
    "دانة",
    "هالة",
    "وليد",
    "زياد",
    "حنان",
    "طارق",
    "يارا",
    "كريم",
    "لينا",
    "مازن",
    "نور",
]


@pytest.fixture
def roll_event(make_event, make_organisation, make_person, organiser):
    """An assembly of an organisation with 12 voting members and 2 who do not vote."""
    org = make_organisation(name_ar="جمعية حقوق الإنسان", name_en="Human Rights Society")
    voting = MembershipCategory(organisation_id=org.id, code="full", name_ar="عضو عامل")
    associate = MembershipCategory(
        organisation_id=org.id, code="assoc", name_ar="عضو منتسب", votes=False
    )
    db.session.add_all([voting, associate])
    db.session.flush()
    for n in range(14):
        person = make_person(name_ar=NAMES[n], name_en=f"Member {n}", email=f"m{n}@example.org")
        category = voting if n < 12 else associate
        db.session.add(Member(organisation_id=org.id, person_id=person.id, category_id=category.id))
    event = make_event(organiser=organiser, title_ar="الجمعية العامة العادية")
    event.organiser_id = org.id
    open_registration(event)
    votes.save_assembly(
        event, {"is_assembly": True, "chair_name": "نادية سالم", "secretary_name": "فراس عودة"}
    )
    db.session.commit()
    return event


def _present(event, count, *, start=0, naming=ReportNaming.NAME):
    people = []
    for n in range(start, start + count):
        r = register(event, email=f"m{n}@example.org", name_ar=NAMES[n], report_naming=naming)
        checkin.check_in(r, event.days[0])
        people.append(r)
    db.session.commit()
    return people


def test_quorum_reached_and_not(roll_event, client, organiser):
    _present(roll_event, 6)
    figures = assembly.attendance(roll_event, [f"m{n}@example.org" for n in range(6)])
    assert (figures.present, figures.members, figures.quorum) == (6, 12, 7)
    assert not figures.reached
    with force_locale("en"):
        assert figures.text() == "present 6 of 12 members; quorum of 7 not reached"
    _present(roll_event, 1, start=6)
    _present(roll_event, 1, start=12)  # an associate member: present, without a vote
    client.login(organiser)
    client.switch_language("en")
    page = client.get(f"/manage/events/{roll_event.id}/checkin").get_data(as_text=True)
    assert "present 7 of 12 members; quorum of 7 reached" in page
    client.switch_language("ar")
    page = client.get(f"/manage/events/{roll_event.id}/checkin").get_data(as_text=True)
    assert 'id="quorum"' in page


def test_quorum_rules_by_number_and_percent(roll_event, client, organiser):
    row = assembly.assembly_of(roll_event)
    client.login(organiser)
    url = f"/manage/events/{roll_event.id}/outcome/assembly"
    version = client.version(url)
    refused = client.post(
        url,
        {"is_assembly": "y", "quorum_kind": "percent", "quorum_value": "150", "version": version},
    )
    assert refused.status_code == 422
    assert "150" in refused.get_data(as_text=True)
    ok = client.post(
        url,
        {"is_assembly": "y", "quorum_kind": "percent", "quorum_value": "50", "version": version},
    )
    assert ok.status_code == 302
    db.session.refresh(row)
    assert assembly.quorum_needed(row, 12) == 6
    stale = client.post(
        url, {"is_assembly": "y", "quorum_kind": "count", "quorum_value": "3", "version": version}
    )
    assert stale.status_code == 409


def test_votes_are_validated_and_versioned(roll_event, make_session, client, organiser):
    session = make_session(roll_event, title_ar="إقرار التقرير المالي")
    _present(roll_event, 7)
    client.login(organiser)
    client.switch_language("en")
    url = f"/manage/sessions/{session.id}/outcome/vote"
    version = client.version(url)
    too_many = client.post(
        url,
        {"votes_for": "6", "votes_against": "1", "votes_abstaining": "1", "version": version},
    )
    assert too_many.status_code == 422
    html = too_many.get_data(as_text=True)
    assert "The votes add up to 8, more than the 7 members present." in html
    assert 'value="6"' in html  # the form keeps what was typed
    negative = client.post(
        url,
        {"votes_for": "-1", "votes_against": "0", "votes_abstaining": "0", "version": version},
    )
    assert negative.status_code == 422
    assert "cannot be negative" in negative.get_data(as_text=True)
    ok = client.post(
        url,
        {"votes_for": "5", "votes_against": "1", "votes_abstaining": "1", "version": version},
    )
    assert ok.status_code == 302
    assert votes.vote_of(session).total == 7
    stale = client.post(
        url,
        {"votes_for": "4", "votes_against": "2", "votes_abstaining": "1", "version": version},
    )
    assert stale.status_code == 409
    assert votes.vote_of(session).votes_for == 5


def test_minutes_pdf_in_arabic(roll_event, make_session, client, artifacts):
    session = make_session(roll_event, title_ar="إقرار التقرير المالي")
    _present(roll_event, 5)
    _present(roll_event, 2, start=5, naming=ReportNaming.ANONYMOUS)
    votes.save_vote(session, {"votes_for": 6, "votes_against": 0, "votes_abstaining": 1})
    db.session.commit()
    with force_locale("en"):
        data = outcome_summary_data(roll_event, "en")
    assert data["minutes"]["text"] == "present 7 of 12 members; quorum of 7 reached"
    assert len(data["minutes"]["names"]) == 5  # the two anonymous members are counted only
    assert data["participation"]["attended"] == "7"
    data = outcome_summary_data(roll_event, "ar")
    pdf = render_pdf("reports/outcome_summary.html", **data)
    words = text(pdf)
    assert "أمل" in words and "هالة" in words
    assert "وليد" not in words and "زياد" not in words  # anonymous: counted, never named
    assert "نادية سالم" in words and "فراس عودة" in words
    assert "إقرار التقرير المالي" in words
    path = artifacts / "assembly-minutes"
    path.with_suffix(".pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path.with_suffix(".pdf")), str(path)])
    with force_locale("en"):
        english = text(
            render_pdf("reports/outcome_summary.html", **outcome_summary_data(roll_event, "en"))
        )
    assert "present 7 of 12 members; quorum of 7 reached" in " ".join(english.split())
    assert "For: 6 · Against: 0 · Abstaining: 1" in english


def test_participation_figures_distinguish_registered_confirmed_attended(make_event, organiser):
    event = make_event(organiser=organiser, days=2)
    open_registration(event)
    people = [register(event) for _ in range(4)]
    checkin.check_in(people[0], event.days[0])
    checkin.check_in(people[1], event.days[1])
    db.session.commit()
    figures = outcome_summary_data(event, "en")["participation"]
    assert (figures["registered"], figures["confirmed"], figures["attended"]) == ("4", "4", "2")
    assert outcome_summary_data(event, "en").get("minutes") is None
