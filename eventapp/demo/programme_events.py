"""Three events of the Commission's demo programme (eventapp.demo.programme), through the
services: a training of four Saturdays for members only with certificates, youth workshops in
five cities (each day its own place) and a general assembly with quorum and a recorded vote."""

from __future__ import annotations

from eventapp.demo.builder import event, session
from eventapp.events import days as day_services
from eventapp.events import services as event_services
from eventapp.outcomes import event_outcomes, session_outcomes, votes
from eventapp.registration import certificates, checkin
from eventapp.registration import services as registration
from eventapp.registration.models import ListVisibility, MemberLimit, Mode, ReportNaming

PLACE = {
    "venue_ar": "مقر هيئة حقوق الإنسان",
    "venue_en": "Human Rights Commission",
    "city_ar": "الرياض",
    "city_en": "Riyadh",
    "country": "المملكة العربية السعودية",
    "timezone": "Asia/Riyadh",
}
# (Arabic venue, English venue, Arabic city, English city) of each youth workshop day
YOUTH_PLACES = (
    ("مركز الملك عبد العزيز الثقافي", "King Abdulaziz Cultural Centre", "الرياض", "Riyadh"),
    ("بيت الشباب", "Youth House", "جدة", "Jeddah"),
    ("مكتبة الظهران العامة", "Dhahran Public Library", "الدمام", "Dammam"),
    ("قاعة جامعة الملك خالد", "King Khalid University Hall", "أبها", "Abha"),
    ("مركز تبوك الثقافي", "Tabuk Cultural Centre", "تبوك", "Tabuk"),
)


def _event_on(staff, hrc, dates, **data):
    """An event of the Commission on chosen dates (the first made, then each other added)."""
    made = event(
        staff, first_day=dates[0], last_day=dates[0], organiser_id=hrc.id, **(PLACE | data)
    )
    for date in dates[1:]:
        day_services.add_day(made, date)
    return made


def _register(made, member, category, naming=ReportNaming.NAME):
    person = member.person
    return registration.register(
        made,
        {
            "email": person.email,
            "name_ar": person.name_ar,
            "name_en": person.name_en,
            "organisation": None,
            "category": category,
            "mode": Mode.IN_PERSON,
            "day_ids": [d.id for d in made.days],
            "list_visibility": ListVisibility.NOBODY,
            "report_naming": naming,
            "form_of_address": person.form_of_address,
        },
        organiser=True,
        locale="ar",
    )


def training(hrc, staff, members, saturdays):
    """Four Saturdays for members only, with approval; the certificate asks 75 % of days:
    the fourth trainee came 3 days of 4 (certificate), the fifth 2 (none)."""
    made = _event_on(
        staff,
        hrc,
        saturdays,
        slug="hrc-members-training",
        kind="training",
        title_ar="تدريب الأعضاء الجدد على آليات حقوق الإنسان",
        title_en="Training for new members on human rights mechanisms",
        description_ar="أربعة أيام سبت لأعضاء الهيئة: الآليات الدولية، إعداد التقارير، "
        "المتابعة، والتطبيق العملي.",
        description_en="Four Saturdays for the Commission's members.",
    )
    titles = (
        ("الآليات الدولية لحقوق الإنسان", "International human rights mechanisms"),
        ("إعداد التقارير الوطنية", "Preparing national reports"),
        ("متابعة التوصيات", "Following up recommendations"),
        ("تطبيق عملي", "Practical exercise"),
    )
    for number, (title_ar, title_en) in enumerate(titles, start=1):
        session(made, number, "09:00", "13:00", "working_group", title_ar, title_en)
    registration.settings_for(made)
    registration.save_settings(
        made,
        {
            "is_open": True,
            "requires_approval": True,
            "member_limit": MemberLimit.MEMBERS,
            "public_categories": ["trainee"],
        },
        None,
    )
    certificates.save_settings(
        made,
        {
            "min_percent_days": 75,
            "signatory1_name_ar": "ليلى الحربي",
            "signatory1_name_en": "Layla Al-Harbi",
            "signatory1_title_ar": "رئيسة الهيئة",
            "signatory1_title_en": "President of the Commission",
        },
    )
    trainees = [_register(made, m, "trainee") for m in members[2:7]]
    attended = (4, 4, 4, 3, 2)  # days each trainee came
    for trainee, count in zip(trainees, attended, strict=True):
        for day in made.days[:count]:
            checkin.check_in(trainee, day, staff)
    certificates.issue_all(trainees, made)
    return made


def youth(hrc, staff, thursdays):
    """Five Thursdays in five cities, open to people of 18 to 30 (the form asks the birth
    year), each day with its own venue and city."""
    made = _event_on(
        staff,
        hrc,
        thursdays,
        slug=f"hrc-youth-workshops-{thursdays[0].year}",
        kind="consultative_workshop",
        title_ar="ورش الشباب: صوتك في التقرير الوطني",
        title_en="Youth workshops: your voice in the national report",
        description_ar="ورشة في كل منطقة يشارك فيها الشباب بآرائهم في التقرير الوطني القادم.",
        description_en="A workshop in each region where young people shape the next national "
        "report.",
        venue_ar=None,
        venue_en=None,
        city_ar="خمس مناطق",
        city_en="Five regions",
    )
    for day, (venue_ar, venue_en, city_ar, city_en) in zip(made.days, YOUTH_PLACES, strict=True):
        event_services.update_day(
            day,
            {
                "title_ar": f"ورشة {city_ar}",
                "title_en": f"{city_en} workshop",
                "venue_ar": venue_ar,
                "venue_en": venue_en,
                "city_ar": city_ar,
                "city_en": city_en,
            },
        )
    for number in range(1, len(made.days) + 1):
        session(made, number, "16:00", "19:00", "discussion", "ورشة حوارية", "Workshop")
    registration.settings_for(made)
    registration.save_settings(
        made,
        {"is_open": True, "min_age": 18, "max_age": 30, "public_categories": ["youth"]},
        None,
    )
    return made


def assembly(hrc, staff, owner, members, saturday):
    """The general assembly: quorum 60 % of the voting members (the nine full members: ceil 5.4
    = 6); seven full members and one associate checked in; the annual report approved by 6 for,
    none against and 1 abstaining. The minutes (outcome summary) are not published."""
    made = _event_on(
        staff,
        hrc,
        [saturday],
        slug=f"hrc-general-assembly-{saturday.year}",
        kind="meeting",
        title_ar=f"الجمعية العمومية العادية لعام {saturday.year}",
        title_en=f"Ordinary general assembly {saturday.year}",
        description_ar="اجتماع الجمعية العمومية لأعضاء الهيئة.",
    )
    session(made, 1, "10:00", "10:30", "opening", "التحقق من النصاب", "Quorum")
    report = session(
        made,
        1,
        "10:30",
        "11:30",
        "plenary",
        "اعتماد التقرير السنوي والحسابات الختامية",
        "Approval of the annual report and accounts",
    )
    votes.save_assembly(
        made,
        {
            "is_assembly": True,
            "quorum_kind": "percent",
            "quorum_value": 60,
            "chair_name": "ليلى الحربي",
            "secretary_name": "سلمان القحطاني",
        },
    )
    registration.settings_for(made)
    registration.save_settings(made, {"member_limit": MemberLimit.MEMBERS}, None)
    namings = (ReportNaming.NAME, ReportNaming.NAME, ReportNaming.ORGANISATION)
    present = members[:7] + members[9:10]  # seven full members and one associate
    for n, member in enumerate(members[:11]):
        registered = _register(made, member, "delegate", namings[n % 3])
        if member in present:
            checkin.check_in(registered, made.days[0], staff)
    votes.save_vote(report, {"votes_for": 6, "votes_against": 0, "votes_abstaining": 1})
    session_outcomes.save_session_outcome(
        report,
        {
            "summary": "عرضت الأمانة العامة التقرير السنوي والحسابات الختامية، وناقشها الأعضاء.",
            "decisions": "اعتماد التقرير السنوي والحسابات الختامية.",
        },
        0,
        owner,
    )
    session_outcomes.submit_outcome(report, owner)
    session_outcomes.approve_outcome(report, owner)
    event_outcomes.save_event_outcome(
        made,
        {
            "summary": "انعقدت الجمعية العمومية العادية بحضور أغلبية الأعضاء العاملين، "
            "برئاسة رئيسة الهيئة.",
            "conclusions": "اعتمدت الجمعية التقرير السنوي والحسابات الختامية.",
        },
        0,
        owner,
    )
    return made
