"""A hybrid international conference, run end to end (issue 15): ESCR-Net's Arab regional
conference on business and human rights in the digital space, Amman, 2-3 November 2026.

About 300 organisations take part, a quarter of them remotely from their own time zones; day 1
has an opening plenary, a panel and three parallel working groups that need sign-up (the
smallest full, with a waiting list); day 2 the report-back plenary, an interactive discussion
on its own joining link and the closing. Sessions are in Arabic with English and French
interpretation. The event is past and fully run: check-ins at the door and remote joins,
interventions of every kind, approved session outcomes and an approved, published event
outcome with recommendations to States, parliaments, companies, the UN and the media.

The event, its rooms and sessions are made by the services the screens call; what issue 15
added (sign-ups, attendance, channels, statuses, addressees, approval) is written with its
models (eventapp.demo.hybrid_people, eventapp.demo.hybrid_outcomes). Loaded once: nothing is
added when the event exists. Every person is fictional.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app

from eventapp.auth.models import EventRoleKind
from eventapp.auth.services import find_user, grant_role
from eventapp.demo import hybrid_outcomes, hybrid_people
from eventapp.demo.builder import day, event, organisation, person, room, session
from eventapp.demo.hybrid_clock import DAYS, ZONE
from eventapp.events import services as event_services
from eventapp.extensions import db
from eventapp.registration import services as registration
from eventapp.sessions.models import SessionChannel
from eventapp.speakers.models import OrganisationKind as K

SLUG = "escr-net-amman-2026"
REMOTE_PARTICIPANT = hybrid_people.REMOTE["email"]  # the README's remote participant
WORKING_GROUPS = (  # title (ar, en), room, capacity
    (("المراقبة الرقمية وبرمجيات التجسس", "Digital surveillance and spyware"), 0, 80),
    (("حماية البيانات والخصوصية", "Data protection and privacy"), 1, 60),
    (
        ("إدارة المحتوى وحرية التعبير على المنصات", "Content moderation and free expression"),
        2,
        40,
    ),
)
INTERPRETATION = "https://interpret.example.org/escr-amman-2026/fr"


def load(events: dict) -> None:
    if event_services.event_by_slug(SLUG) is not None:
        return
    escr = events["guatemala"].organiser
    staff = find_user("escr-net-staff@demo.multaqa.org")
    owner = find_user("escr-net-owner@demo.multaqa.org")
    conference = _conference(staff, escr)
    groups = _programme(conference)
    _registration_settings(conference)
    people = hybrid_people.load(conference, groups, staff)
    facilitator = find_user("facilitator@demo.multaqa.org")
    rapporteur = find_user("rapporteur@demo.multaqa.org")
    for group in groups:
        grant_role(facilitator, conference, EventRoleKind.FACILITATOR, group)
        grant_role(rapporteur, conference, EventRoleKind.RAPPORTEUR, group)
    hybrid_outcomes.load(conference, people, facilitator, rapporteur, staff, owner)
    db.session.flush()


def remote_participant_link(base_url: str) -> str | None:
    """The personal link of the README's remote participant (signed with this installation's
    secret, so printed by `flask demo load` rather than written down), or None before the
    demo is loaded."""
    conference = event_services.event_by_slug(SLUG)
    found = conference and registration.registration_by_email(conference, REMOTE_PARTICIPANT)
    if not found:
        return None
    with current_app.test_request_context(base_url=base_url):
        return registration.personal_url(found)


def _conference(staff, escr):
    ohchr = organisation(
        "المفوضية السامية لحقوق الإنسان",
        "Office of the UN High Commissioner for Human Rights",
        "OHCHR",
        K.UN_BODY,
    )
    host = organisation(
        "المركز الوطني لحقوق الإنسان", "National Centre for Human Rights", None, K.NHRI, "الأردن"
    )
    return event(
        staff,
        slug=SLUG,
        organiser_id=escr.id,
        kind="conference",
        title_ar="المؤتمر الإقليمي العربي حول الأعمال التجارية وحقوق الإنسان في الفضاء الرقمي",
        title_en="Arab regional conference on business and human rights in the digital space",
        description_ar=(
            "يومان في عمّان وعن بُعد يجمعان نحو ثلاثمئة منظمة من المجتمع المدني والمؤسسات "
            "الوطنية والبرلمانات والشركات والنقابات والأمم المتحدة ووسائل الإعلام، لبحث مسؤولية "
            "الشركات التقنية عن احترام حقوق الإنسان في المنطقة العربية، والخروج بتوصيات إلى "
            "الدول والشركات والأمم المتحدة ووسائل الإعلام."
        ),
        description_en=(
            "Two days in Amman and online with about three hundred organisations (civil "
            "society, national institutions, parliaments, companies, trade unions, the UN and "
            "the media) on the responsibility of technology companies to respect human rights "
            "in the Arab region, ending with recommendations to States, companies, the UN and "
            "the media."
        ),
        venue_ar="فندق الرويال، عمّان",
        venue_en="Le Royal Hotel, Amman",
        city_ar="عمّان",
        city_en="Amman",
        country="الأردن",
        attendance_mode="hybrid",
        timezone=ZONE,
        first_day=DAYS[0],
        last_day=DAYS[1],
        partners=[(escr, "organiser"), (host, "host"), (ohchr, "partner")],
        objectives=[
            (
                "بناء فهم مشترك لآثار نماذج أعمال الشركات التقنية في حقوق الإنسان في المنطقة",
                "Build a shared understanding of how tech business models affect human rights",
            ),
            (
                "تبادل الخبرات بين المجتمع المدني والمؤسسات الوطنية والبرلمانات والنقابات",
                "Exchange experience between civil society, NHRIs, parliaments and unions",
            ),
            (
                "صياغة توصيات محددة الجهة إلى الدول والشركات والأمم المتحدة ووسائل الإعلام",
                "Draft recommendations addressed to States, companies, the UN and the media",
            ),
        ],
        expected_outputs=[
            (
                "وثيقة توصيات عمّان معتمدة ومنشورة",
                "The Amman recommendations, approved and published",
            ),
            (
                "خطة متابعة للسنة التالية مع الشبكة وأعضائها",
                "A follow-up plan for the next year with the network and its members",
            ),
        ],
    )


def _programme(conference) -> list:
    """Rooms, days and sessions; returns the three working groups."""
    hall = room(
        conference,
        "القاعة الكبرى",
        250,
        "https://meet.example.org/escr-amman-plenary",
        "Grand Hall",
    )
    rooms = [
        room(
            conference,
            "قاعة البتراء",
            80,
            "https://meet.example.org/escr-amman-petra",
            "Petra Room",
        ),
        room(conference, "قاعة جرش", 60, name_en="Jerash Room"),
        room(conference, "قاعة وادي رم", 40, name_en="Wadi Rum Room"),
    ]
    day(conference, 1, "الشركات التقنية وحقوق الإنسان", "Tech companies and human rights")
    day(
        conference,
        2,
        "من التشخيص إلى التوصيات",
        "From diagnosis to recommendations",
        "تُعرض خلاصات الفرق العاملة صباحاً، وتُعتمد التوصيات في الجلسة الختامية.",
    )
    chair = person(
        "رنا الحسيني",
        "Rana Al-Husseini",
        position_ar="منسّقة برنامج مساءلة الشركات في الشبكة",
        position_en="Corporate accountability programme coordinator, ESCR-Net",
        organisation=conference.organiser,
    )
    expert = person(
        "د. سامر خوري",
        "Dr Samer Khoury",
        position_ar="عضو الفريق العامل المعني بمسألة حقوق الإنسان والشركات",
        position_en="Member, UN Working Group on Business and Human Rights",
    )
    company = person(
        "لينا الأطرش",
        "Lina Al-Atrash",
        position_ar="مديرة السياسات العامة في شركة تقنية إقليمية",
        position_en="Public policy director, regional technology company",
    )
    defender = person(
        "مراد بن يوسف",
        "Mourad Ben Youssef",
        position_ar="باحث في الحقوق الرقمية",
        position_en="Digital rights researcher",
    )
    facilitators = [
        person("هالة الكردي", "Hala Kurdi", position_ar="ميسّرة الفريق العامل الأول"),
        person("طارق المهدي", "Tarek Mahdi", position_ar="ميسّر الفريق العامل الثاني"),
        person("جمانة العطار", "Joumana Attar", position_ar="ميسّرة الفريق العامل الثالث"),
    ]
    plenary = [(chair, "chair")]
    sessions = [
        session(
            conference, 1, "09:30", "10:30", "opening", "الجلسة الافتتاحية", "Opening plenary",
            room=hall, people=plenary,
        ),
        session(
            conference, 1, "10:30", "12:00", "panel",
            "نماذج أعمال الشركات التقنية وأثرها في حقوق الإنسان في المنطقة العربية",
            "Tech business models and their human rights impact in the Arab region",
            room=hall,
            people=[(chair, "moderator"), (expert, "panellist"), (company, "panellist"),
                    (defender, "panellist")],
            guiding_question_ar="ما الذي يجب أن تغيّره الشركات في ممارساتها في المنطقة؟",
            guiding_question_en="What must companies change in their practices in the region?",
        ),
        session(conference, 1, "12:00", "12:30", "break", "استراحة", "Break"),
    ]  # fmt: skip
    groups = []
    for (titles, room_number, capacity), facilitator in zip(
        WORKING_GROUPS, facilitators, strict=True
    ):
        group = session(
            conference, 1, "12:30", "14:30", "working_group", *titles,
            room=rooms[room_number], people=[(facilitator, "facilitator")],
            description_ar="فريق عامل بالتسجيل المسبق وبعدد محدود من المقاعد في القاعة.",
        )  # fmt: skip
        group.signup_required, group.signup_capacity = True, capacity
        groups.append(group)
    sessions += groups
    sessions += [
        session(conference, 1, "14:30", "15:30", "break", "غداء", "Lunch"),
        session(
            conference, 2, "09:30", "11:00", "plenary",
            "الجلسة العامة: عرض خلاصات الفرق العاملة", "Report-back plenary",
            room=hall, people=[(chair, "chair"), *[(f, "presenter") for f in facilitators]],
        ),
        session(
            conference, 2, "11:00", "12:30", "discussion",
            "حوار تفاعلي: من يُساءَل عن الأضرار الرقمية؟",
            "Interactive discussion: who answers for digital harms?",
            room=hall, people=[(chair, "moderator"), (expert, "discussant")],
            guiding_question_ar="ما التوصية الواحدة التي تريد أن تلتزم بها جهة بعينها؟",
            guiding_question_en="Which one recommendation should a named body commit to?",
        ),
        session(conference, 2, "12:30", "13:00", "break", "استراحة", "Break"),
        session(
            conference, 2, "13:00", "14:00", "closing",
            "الجلسة الختامية واعتماد التوصيات", "Closing and adoption of the recommendations",
            room=hall, people=plenary,
        ),
    ]  # fmt: skip
    discussion = next(s for s in sessions if s.kind.value == "discussion")
    # Its own meeting, with breakout rooms for the remote participants.
    discussion.video_link = "https://meet.example.org/escr-amman-dialogue"
    for item in sessions:
        if item.kind.value == "break":
            continue
        channels = [("ar", None), ("en", "Channel 2")]
        if item.room is hall:
            channels.append(("fr", INTERPRETATION))
        for position, (language, channel) in enumerate(channels):
            db.session.add(
                SessionChannel(session=item, position=position, language=language, channel=channel)
            )
    db.session.flush()
    return groups


def _registration_settings(conference) -> None:
    settings = registration.settings_for(conference)
    settings.is_open = True
    settings.offer_in_person = settings.offer_remote = True
    settings.capacity_in_person, settings.capacity_remote = 215, 90
    settings.waitlist_enabled = True
    settings.remote_instructions_ar = (
        "ادخل إلى الجلسات من رابط الانضمام في صفحتك الشخصية، باسمك كما سجّلته. اختر قناة "
        "الترجمة التي تريدها (الإنجليزية على القناة 2، والفرنسية من رابطها). لطلب الكلمة "
        "اضغط «أطلب المداخلة» في صفحة الجلسة، أو ارفع يدك في الاجتماع وانتظر أن يعطيك الميسّر "
        "الكلمة؛ لك ثلاث دقائق. يمكنك أيضاً إرسال بيان مكتوب يُقرأ أو يُضمّ إلى التقرير."
    )
    settings.remote_instructions_en = (
        "Join each session from the link on your personal page, under the name you "
        "registered. Choose your interpretation channel (English on channel 2, French from its "
        "link). To ask to speak, press “Ask to intervene” on the session page or raise your "
        "hand in the meeting and wait for the facilitator; you have three minutes. You may "
        "also send a written statement, read out or added to the report."
    )
    settings.technical_check_at = dt.datetime(2026, 10, 29, 16, 0)  # in Amman
    settings.technical_check_link = "https://meet.example.org/escr-amman-check"
    db.session.flush()
