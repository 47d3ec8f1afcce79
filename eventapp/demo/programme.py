"""A year of one organisation's programme (issue 14), for the Human Rights Commission (/o/hrc/),
whose seed (the consultative workshop on following up recommendations) it continues:

- the series "annual human rights conference": last edition archived with its published outcome
  summary and recommendations, this year's edition made from it by the editions service
  (published, registration open) and taking up a recommendation of the focus group;
- a focus group with decision makers, its outcome summary published, the follow-up of one
  recommendation public (/o/hrc/follow-up);
- the roll of twelve members in two categories, one of which does not vote, a training of four
  Saturdays for members only with certificates at 75 % of days, youth workshops in five cities
  and a general assembly with its quorum, attendance and a recorded vote
  (eventapp.demo.programme_events).

Dates follow the day the demo is loaded, so the past stays past and the next edition upcoming.
Everything is made by the services the screens call, as the Commission's staff account
(hrc-staff@demo.multaqa.org); every person is fictional.
"""

from __future__ import annotations

import datetime as dt

from eventapp.auth.services import find_user
from eventapp.demo import outcomes as demo_outcomes
from eventapp.demo import programme_events, programme_roll
from eventapp.demo.builder import event, person, room, session
from eventapp.events import editions
from eventapp.events import series as series_services
from eventapp.events import services as event_services
from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, items, programme, tracker
from eventapp.registration import services as registration

SERIES_SLUG = "annual-conference"
WEEK = dt.timedelta(weeks=1)


def dates(today: dt.date) -> dict:
    """The programme's dates around ``today``: training, focus group and assembly behind,
    youth workshops and this year's conference ahead (last year's 52 weeks before it)."""
    saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7)
    tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    thursday = today + dt.timedelta(days=(3 - today.weekday()) % 7 or 7)
    conference = tuesday + 6 * WEEK
    return {
        "training": [saturday - n * WEEK for n in (12, 11, 10, 9)],
        "focus_group": saturday - 7 * WEEK + dt.timedelta(days=3),
        "assembly": saturday - 3 * WEEK,
        "youth": [thursday + n * WEEK for n in range(5)],
        "conference": conference,
        "last_conference": conference - 52 * WEEK,
    }


def load(events: dict) -> None:
    """Add the programme to the Commission of the seed workshop (once: not if it has it)."""
    hrc = events["workshop"].organiser
    if series_services.series_by_slug(hrc.id, SERIES_SLUG) is not None:
        return
    staff = find_user("hrc-staff@demo.multaqa.org")
    owner = find_user("hrc-owner@demo.multaqa.org")
    when = dates(dt.date.today())
    partners = [(p.organisation, p.role.value) for p in events["workshop"].partners]
    members = programme_roll.build(hrc, staff, dt.date.today())
    focus_rec = _focus_group(hrc, staff, owner, when, partners)
    this_year = _conference(hrc, staff, owner, when, partners)
    tracker.take_up(this_year, focus_rec)
    programme_events.training(hrc, staff, members, when["training"])
    programme_events.youth(hrc, staff, when["youth"])
    programme_events.assembly(hrc, staff, owner, members, when["assembly"])
    db.session.flush()


def _speakers():
    return (
        person(
            "د. منى الراشد",
            "Dr Mona Al-Rashed",
            position_ar="أستاذة القانون الدولي لحقوق الإنسان",
            position_en="Professor of international human rights law",
        ),
        person(
            "فيصل التميمي",
            "Faisal Al-Tamimi",
            position_ar="مستشار في الآلية الوطنية لإعداد التقارير",
            position_en="Adviser, national reporting mechanism",
        ),
        person(
            "كلير دوبوا",
            "Claire Dubois",
            position_ar="خبيرة في هيئات المعاهدات",
            position_en="Treaty bodies expert",
        ),
    )


def _conference(hrc, staff, owner, when, partners):
    """The series, last year's edition (archived, with its outcome) and this year's."""
    series = series_services.save_series(
        hrc,
        None,
        {
            "slug": SERIES_SLUG,
            "title_ar": "المؤتمر السنوي لحقوق الإنسان",
            "title_en": "Annual human rights conference",
            "description_ar": "مؤتمر تعقده الهيئة كل عام لمراجعة ما تحقق من توصيات العام السابق.",
            "description_en": "The Commission's yearly conference on last year's recommendations.",
        },
    )
    first = when["last_conference"]
    year = first.year
    last = event(
        staff,
        slug=f"hrc-annual-conference-{year}",
        kind="conference",
        title_ar=f"المؤتمر السنوي لحقوق الإنسان {year}",
        title_en=f"Annual human rights conference {year}",
        description_ar="يومان لمراجعة تنفيذ التوصيات الدولية مع الجهات الحكومية والمجتمع المدني.",
        description_en="Two days reviewing international recommendations with government and "
        "civil society.",
        venue_ar="فندق المؤتمرات",
        venue_en="Conference hotel",
        city_ar="الرياض",
        city_en="Riyadh",
        country="المملكة العربية السعودية",
        timezone="Asia/Riyadh",
        first_day=first,
        last_day=first + dt.timedelta(days=1),
        organiser_id=hrc.id,
        series_id=series.id,
        partners=partners,
        objectives=["مراجعة ما نُفّذ من توصيات الآليات الدولية خلال العام"],
        expected_outputs=["توصيات للعام القادم موجّهة إلى الجهات المعنية"],
    )
    mona, faisal, claire = _speakers()
    hall = room(last, "القاعة الكبرى", 150, name_en="Grand Hall")
    session(last, 1, "09:00", "10:00", "opening", "الافتتاح", "Opening", room=hall)
    session(
        last,
        1,
        "10:30",
        "12:30",
        "panel",
        "ما الذي تحقق من توصيات الاستعراض الدوري الشامل؟",
        "What became of the Universal Periodic Review's recommendations?",
        room=hall,
        people=[(mona, "moderator"), (faisal, "panellist"), (claire, "panellist")],
    )
    session(
        last,
        2,
        "09:30",
        "11:30",
        "discussion",
        "الأولويات للعام القادم",
        "Priorities for next year",
        room=hall,
        people=[(mona, "facilitator")],
    )
    event_outcomes.save_event_outcome(
        last,
        {
            "summary": "شارك في المؤتمر ممثلو الجهات الحكومية ومنظمات المجتمع المدني، وراجعوا "
            "ما نُفّذ من التوصيات خلال العام.",
            "conclusions": "اتفق المشاركون على نشر تقرير متابعة سنوي وعلى إشراك الشباب.",
        },
        0,
        owner,
    )
    recs = [
        items.add_recommendation(last, None, data)
        for data in (
            {
                "text": "نشر تقرير سنوي عن متابعة تنفيذ التوصيات",
                "addressee": "هيئة حقوق الإنسان",
                "theme": "المتابعة",
                "priority": "high",
            },
            {
                "text": "إشراك الشباب في إعداد التقارير الوطنية عبر ورش في المناطق",
                "addressee": "هيئة حقوق الإنسان",
                "theme": "المشاركة",
                "priority": "medium",
            },
            {
                "text": "تدريب الأعضاء الجدد على آليات الأمم المتحدة",
                "addressee": "الأمانة العامة",
                "theme": "بناء القدرات",
                "priority": "medium",
            },
        )
    ]
    progress = (
        ("in_progress", "صدرت مسودة التقرير الأول وتُراجعها الجهات المعنية."),
        ("implemented", "عُقدت ورش الشباب الأولى في منطقتين."),
        ("implemented", "أُدرج التدريب في برنامج الأعضاء الجدد."),
    )
    for n, (rec, (status, text)) in enumerate(zip(recs, progress, strict=True)):
        _progress(rec, rec.addressee, first + (10 + 4 * n) * WEEK, text, status, owner)
    demo_outcomes.publish(last, owner)
    event_services.set_status(last, EventStatus.ARCHIVED)

    this_year, _copied = editions.copy_edition(last, {"first_day": when["conference"]}, staff)
    this_year.description_ar = (
        "الدورة الجديدة من المؤتمر السنوي: متابعة توصيات العام الماضي وتوصيات مجموعة التركيز."
    )
    event_services.set_status(this_year, EventStatus.PUBLISHED)
    registration.settings_for(this_year)
    registration.save_settings(
        this_year, {"is_open": True, "capacity_in_person": 150, "waitlist_enabled": True}, None
    )
    return this_year


def _focus_group(hrc, staff, owner, when, partners):
    """A focus group with decision makers; its first recommendation's follow-up is public.
    Returns that recommendation (taken up by this year's conference)."""
    day = when["focus_group"]
    group = event(
        staff,
        slug=f"hrc-focus-group-{day.year}",
        kind="meeting",
        title_ar="مجموعة تركيز مع صنّاع القرار حول خطة تنفيذ التوصيات",
        title_en="Focus group with decision makers on the recommendations plan",
        description_ar="لقاء مغلق مع ممثلي الوزارات لمناقشة العقبات أمام تنفيذ التوصيات.",
        venue_ar="مقر هيئة حقوق الإنسان",
        venue_en="Human Rights Commission",
        city_ar="الرياض",
        city_en="Riyadh",
        country="المملكة العربية السعودية",
        timezone="Asia/Riyadh",
        first_day=day,
        last_day=day,
        organiser_id=hrc.id,
        partners=partners,
    )
    mona, faisal, _claire = _speakers()
    session(
        group,
        1,
        "10:00",
        "12:00",
        "discussion",
        "العقبات أمام تنفيذ التوصيات",
        "Obstacles to implementing recommendations",
        people=[(mona, "facilitator"), (faisal, "presenter")],
    )
    event_outcomes.save_event_outcome(
        group,
        {
            "summary": "ناقش ممثلو ثماني جهات حكومية العقبات أمام تنفيذ التوصيات.",
            "conclusions": "العقبة الأولى غياب جدول زمني موحّد لدى الجهات.",
        },
        0,
        owner,
    )
    rec = items.add_recommendation(
        group,
        None,
        {
            "text": "اعتماد جدول زمني موحّد لتنفيذ التوصيات في كل جهة حكومية",
            "addressee_kind": "government",
            "addressee": "الجهات الحكومية الأعضاء في اللجنة الدائمة",
            "theme": "التخطيط",
            "priority": "high",
        },
    )
    items.add_recommendation(
        group,
        None,
        {
            "text": "عقد لقاء فصلي لنقاط الاتصال في الوزارات",
            "addressee": "هيئة حقوق الإنسان",
            "theme": "التنسيق",
            "priority": "medium",
        },
    )
    demo_outcomes.publish(group, owner)
    _progress(
        rec,
        "اللجنة الدائمة",
        day + 3 * WEEK,
        "أرسلت الهيئة نموذج الجدول الزمني إلى الجهات، وردّت خمس جهات منها.",
        "in_progress",
        owner,
    )
    programme.set_public(rec, True)
    return rec


def _progress(rec, body, noted_on, text, status, user) -> None:
    """The body responsible, then a dated progress note that moves the status (not a note
    dated the day the demo is loaded, as a status changed on the follow-up form would be)."""
    followup.update_follow_up(rec, {"status": rec.status.value, "responsible_body": body}, user)
    followup.add_progress_note(rec, noted_on, text, user, status)
