"""The demo's year of the Human Rights Commission's programme (eventapp.demo.programme): every
part of issue 14 can be tried on the demo data without typing any."""

import re

import pytest
from sqlalchemy import select

from eventapp.auth.services import find_user
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory
from eventapp.outcomes.models import Recommendation
from eventapp.registration.models import Certificate, MemberLimit, RegistrationSettings


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return {e.slug.rsplit("-", 1)[0] if e.slug[-1].isdigit() else e.slug: e for e in _hrc()}


def _hrc():
    return [e for e in Event.query.all() if e.organiser and e.organiser.slug == "hrc"]


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def test_the_commission_has_its_year_of_programme(demo, client):
    editions = sorted((e for e in _hrc() if e.series is not None), key=lambda e: e.first_day)
    last, this_year = editions
    assert last.status == EventStatus.ARCHIVED and this_year.status == EventStatus.PUBLISHED
    assert this_year.first_day.weekday() == last.first_day.weekday()
    assert len(this_year.sessions) == len(last.sessions) and this_year.first_day > last.last_day

    page = _page(client, "/o/hrc/")
    assert "هيئة حقوق الإنسان" in page and this_year.title_ar in page
    assert "المؤتمر السنوي لحقوق الإنسان" in page  # its series
    assert "اعتماد جدول زمني موحّد" in page  # the follow-up it publishes

    series = _page(client, f"/o/hrc/s/{last.series.slug}/")
    assert last.title_ar in series and this_year.title_ar in series

    follow_up = _page(client, "/o/hrc/follow-up")
    assert "اعتماد جدول زمني موحّد" in follow_up and "ردّت خمس جهات" in follow_up
    assert "عقد لقاء فصلي" not in follow_up  # not made public

    taken_up = db.session.scalar(
        select(Recommendation).where(
            Recommendation.event_id == this_year.id, Recommendation.taken_up_from_id.is_not(None)
        )
    )
    assert taken_up.taken_up_from.event.slug.startswith("hrc-focus-group-")


def test_members_training_certificates_and_assembly(demo, client):
    roll = Member.query.filter_by(organisation_id=demo["hrc-members-training"].organiser_id)
    assert roll.count() == 12
    categories = MembershipCategory.query.all()
    assert sorted(c.votes for c in categories) == [False, True]
    assert all(m.person.email.endswith("@example.org") for m in roll)

    training = demo["hrc-members-training"]
    assert len(training.days) == 4 and {d.date.weekday() for d in training.days} == {5}
    settings = db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == training.id)
    )
    assert settings.member_limit == MemberLimit.MEMBERS
    issued = {c.name_en: c for c in Certificate.query.filter_by(event_id=training.id)}
    assert issued["Majed Al-Zahrani"].days_attended == 3  # 3 of 4: reached 75 %
    assert "Reem Al-Mutairi" not in issued  # 2 of 4 days: no certificate
    assert len(issued) == 4
    verify = _page(client, f"/verify/{issued['Majed Al-Zahrani'].code}")
    assert "ماجد الزهراني" in verify and training.title_ar in verify

    youth = demo["hrc-youth-workshops"]
    cities = [d.city_ar for d in youth.days]
    assert cities == ["الرياض", "جدة", "الدمام", "أبها", "تبوك"]
    agenda = _page(client, f"/e/{youth.slug}/agenda")
    assert "تبوك" in agenda and "بيت الشباب" in agenda

    client.login(find_user("hrc-staff@demo.multaqa.org"), password="multaqa-demo")
    assembly = demo["hrc-general-assembly"]
    door = _page(client, f"/manage/events/{assembly.id}/checkin")
    assert re.search(r"حضر [7٧] من أصل [9٩] أعضاء؛ اكتمل النصاب", door)
    tracker = _page(client, "/manage/o/hrc/recommendations/")
    assert "اعتماد جدول زمني موحّد" in tracker and "نشر تقرير سنوي" in tracker
    members = _page(client, "/manage/o/hrc/members/")
    assert "ليلى الحربي" in members and "عضو منتسب" in members
