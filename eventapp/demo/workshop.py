"""Consultative workshop on the national mechanism for reporting and follow-up (seed 002)."""

import datetime as dt

from eventapp.demo.builder import day, event, organisation, person, room, session
from eventapp.speakers.models import OrganisationKind as K

KEY = "workshop"


def build(organiser):
    hrc = organisation(
        "هيئة حقوق الإنسان", "Human Rights Commission", "HRC", K.NHRI, "المملكة العربية السعودية"
    )
    ohchr = organisation(
        "المفوضية السامية لحقوق الإنسان",
        "Office of the UN High Commissioner for Human Rights",
        "OHCHR",
        K.UN_BODY,
    )

    workshop = event(
        organiser,
        slug="nmrf-consultative-workshop",
        kind="consultative_workshop",
        title_ar="لقاء تشاوري حول الآلية الوطنية لإعداد التقارير والمتابعة",
        title_en="Consultative workshop on the national mechanism for reporting and follow-up",
        description_ar=(
            "لقاء تشاوري موجه لأعضاء وعضوات اللجنة الدائمة لإعداد مشاريع التقارير الوطنية، "
            "ضمن برنامج التعاون الفني بين هيئة حقوق الإنسان والمفوضية السامية لحقوق الإنسان."
        ),
        description_en=(
            "A consultative workshop for members of the standing committee for national "
            "reports, under the technical cooperation programme of the HRC and OHCHR."
        ),
        venue_ar="مقر هيئة حقوق الإنسان",
        venue_en="Human Rights Commission",
        city_ar="الرياض",
        city_en="Riyadh",
        country="المملكة العربية السعودية",
        attendance_mode="in_person",
        timezone="Asia/Riyadh",
        first_day=dt.date(2023, 5, 16),
        last_day=dt.date(2023, 5, 16),
        show_hijri=True,
        use_arabic_digits=True,
        partners=[(hrc, "organiser"), (ohchr, "partner")],
        objectives=[
            "تعزيز قدرات أعضاء وعضوات اللجنة الدائمة بالوظائف الأساسية والقدرات اللازمة للعمل "
            "على الآلية الوطنية لإعداد التقارير والمتابعة، وخصوصاً إدارة المعلومات بهدف بناء خطة "
            "تنفيذ التوصيات",
        ],
        expected_outputs=[
            "تحديد العناصر الرئيسة لخطة تنفيذ توصيات الآليات الدولية لحقوق الإنسان",
            "كيفية بناء وتحضير خطة متابعة التوصيات، بالاستناد للنهج الشامل والإدماجي لمتابعة "
            "وتنفيذ التوصيات، بعد تصنيفها وتحديد الأولويات في التنفيذ",
            "تمكين الأعضاء والعضوات من تحليل التحديات وتخطي العقبات التي يمكن أن تواجه تنفيذ "
            "التوصيات",
        ],
    )
    hall = room(workshop, "قاعة التدريب", 40, name_en="Training Room")
    day(
        workshop,
        1,
        "الآلية الوطنية لإعداد التقارير والمتابعة",
        "National mechanism for reporting and follow-up",
    )

    muayyad = person(
        "مؤيد مهيار",
        "Muayyad Mhyar",
        honorific_ar="أ.",
        honorific_en="Mr",
        position_ar="منسق برنامج التعاون الفني",
        position_en="Technical cooperation programme coordinator",
        organisation=ohchr,
    )
    zuhair = person(
        "زهير الزومان",
        "Zuhair Al-Zuman",
        honorific_ar="سعادة الأستاذ",
        position_ar="نائب رئيس اللجنة الدائمة لإعداد مشاريع التقارير وعضو مجلس الهيئة",
        organisation=hrc,
    )
    bahaa = person(
        "بهاء الدين السعدي",
        "Bahaa Eddin Al-Saadi",
        honorific_ar="أ.",
        honorific_en="Mr",
        position_ar="مسؤول حقوق الإنسان في قسم هيئات المعاهدات",
        position_en="Human rights officer, Treaty Bodies section",
        organisation=ohchr,
    )
    rafif = person(
        "رفيف مجاهد",
        "Rafif Mujahed",
        honorific_ar="أ.",
        honorific_en="Ms",
        position_ar="مسؤولة حقوق الإنسان لدى مكتب الأمم المتحدة لحقوق الإنسان في فلسطين",
        position_en="Human rights officer, OHCHR Palestine",
        organisation=ohchr,
    )
    deema = person(
        "ديمه الصقري",
        "Deema Al-Saqri",
        honorific_ar="أ.",
        honorific_en="Ms",
        position_ar="المسؤول الوطني لحقوق الإنسان",
        position_en="National human rights officer",
        organisation=ohchr,
    )

    session(
        workshop,
        1,
        "09:00",
        "09:30",
        "opening",
        "الجلسة الافتتاحية",
        "Opening remarks",
        room=hall,
        people=[(deema, "facilitator"), (muayyad, "presenter"), (zuhair, "presenter")],
    )
    session(
        workshop,
        1,
        "09:30",
        "10:45",
        "plenary",
        "الوظائف الرئيسة للآلية الوطنية لإعداد التقارير ومتابعة التوصيات",
        "Core functions of the national mechanism for reporting and follow-up",
        room=hall,
        people=[(deema, "facilitator"), (bahaa, "presenter")],
    )
    session(
        workshop,
        1,
        "10:45",
        "11:15",
        "discussion",
        "نقاش تفاعلي",
        "Interactive discussion",
        room=hall,
        people=[(deema, "facilitator")],
        guiding_question_ar="ما أبرز التحديات التي تواجه جمع المعلومات من الجهات الحكومية؟",
    )
    session(workshop, 1, "11:15", "11:30", "break", "استراحة", "Break", room=hall)
    session(
        workshop,
        1,
        "11:30",
        "12:45",
        "plenary",
        "إدارة البيانات والمعلومات",
        "Managing data and information",
        room=hall,
        people=[(deema, "facilitator"), (bahaa, "presenter")],
    )
    session(workshop, 1, "12:45", "13:45", "break", "صلاة وغداء", "Prayer and lunch")
    session(
        workshop,
        1,
        "13:45",
        "15:00",
        "plenary",
        "ممارسات وتجارب فضلى في آلية إعداد التقارير ومتابعة التوصيات",
        "Good practices in reporting and following up recommendations",
        room=hall,
        people=[(deema, "facilitator"), (rafif, "presenter")],
    )
    session(
        workshop,
        1,
        "15:00",
        "15:45",
        "discussion",
        "نقاش تفاعلي: نحو قاعدة بيانات وطنية لتتبع التوصيات",
        "Interactive discussion: a national database to track recommendations",
        room=hall,
        people=[(deema, "facilitator")],
        guiding_question_ar="كيف نصنّف التوصيات ونحدد أولويات تنفيذها؟",
    )
    session(
        workshop,
        1,
        "15:45",
        "16:00",
        "closing",
        "الختام",
        "Closing",
        room=hall,
        people=[(deema, "facilitator"), (muayyad, "presenter")],
    )
    return workshop


def facilitated_sessions(workshop):
    return [s for s in workshop.sessions if s.kind.value in ("discussion", "plenary")]
