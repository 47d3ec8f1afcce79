"""Advisory group of ESCR-Net's solidarity system, Antigua Guatemala, 8-11 July 2019 (seed 001)."""

import datetime as dt

from eventapp.demo.builder import day, event, organisation, person, room, session
from eventapp.speakers.models import OrganisationKind as K

KEY = "guatemala"


def build(organiser):
    escr = organisation(
        "الشبكة العالمية للحقوق الاقتصادية والاجتماعية والثقافية", "ESCR-Net", "ESCR-Net", K.NGO
    )
    host = organisation(
        "مجلس رعاية الأندورويس", "Host council, Antigua Guatemala", None, K.NGO, "غواتيمالا"
    )
    protection = organisation(
        "المؤسسة الدولية لحماية المدافعين عن حقوق الإنسان", "Protection International", "PI", K.NGO
    )
    jass = organisation("أسوشييتس", "Just Associates", "JASS", K.NGO)
    prodesc = organisation(
        "المشروع الخاص بالحقوق الاقتصادية والاجتماعية والثقافية",
        "Project on Economic, Social and Cultural Rights",
        "ProDESC",
        K.NGO,
        "المكسيك",
    )
    green = organisation(
        "رابطة المحامين عن البيئة في ليبيريا (الدعاة الخضر)",
        "Green Advocates",
        None,
        K.NGO,
        "ليبيريا",
    )
    omct = organisation(
        "المنظمة العالمية لمناهضة التعذيب",
        "World Organisation Against Torture",
        "OMCT",
        K.NGO,
        "سويسرا",
    )
    slum = organisation("حركة ساكني الأحياء الفقيرة", "Shack dwellers' movement", None, K.NGO)
    aipp = organisation(
        "ميثاق الشعوب الأصلية في آسيا", "Asia Indigenous Peoples Pact", "AIPP", K.NGO
    )
    eipr = organisation(
        "المبادرة المصرية للحقوق الشخصية",
        "Egyptian Initiative for Personal Rights",
        "EIPR",
        K.NGO,
        "مصر",
    )

    meeting = event(
        organiser,
        slug="solidarity-system-guatemala-2019",
        kind="meeting",
        title_ar="اجتماع المجموعة الاستشارية لنظام التضامن",
        title_en="Solidarity System Advisory Group Meeting",
        description_ar=(
            "التقى أعضاء الشبكة العالمية للحقوق الاقتصادية والاجتماعية والثقافية لمناقشة نهج "
            "الشبكة في حماية المدافعين عن حقوق الإنسان، مع مشاركة عن بُعد لعضوين."
        ),
        description_en=(
            "Members of ESCR-Net met to discuss the network's approach to protecting human "
            "rights defenders, with two members taking part remotely."
        ),
        venue_ar="أنتيغوا غواتيمالا",
        venue_en="Antigua Guatemala",
        city_ar="أنتيغوا غواتيمالا",
        city_en="Antigua Guatemala",
        country="غواتيمالا",
        attendance_mode="hybrid",
        timezone="America/Guatemala",
        first_day=dt.date(2019, 7, 8),
        last_day=dt.date(2019, 7, 11),
        partners=[
            (escr, "organiser"),
            (host, "host"),
            (protection, "partner"),
            (jass, "partner"),
            (prodesc, "partner"),
            (green, "partner"),
            (omct, "partner"),
        ],
        objectives=[
            (
                "بناء تحليل مشترك في شأن الدوافع المنهجية وراء قمع المدافعين عن حقوق الإنسان",
                "Build a shared analysis of the systemic drivers of repression of HRDs",
            ),
            (
                "تعزيز المناصرة الاستباقية لتعزيز «الحق في المطالبة بالحقوق» من خلال الفرق العاملة "
                "والمشاريع الحالية بالشبكة",
                "Strengthen proactive advocacy for the right to claim rights",
            ),
            (
                "تحسين نموذج عمل الشبكة للحماية من خلال تقييم الممارسات الحالية واستكشاف أساليب "
                "جديدة وتعميق مشاركة الأعضاء",
                "Improve the network's protection model",
            ),
        ],
    )
    hall = room(
        meeting, "قاعة الاجتماعات", 30, "https://meet.example.org/escr-solidarity", "Meeting Room"
    )
    day(
        meeting,
        1,
        "الاتجاهات العالمية ونطاق نظام التضامن",
        "Global trends and scope",
        "ينضم المدعوون إلى أعضاء المجموعة الاستشارية خلال الأيام الثلاثة الأولى.",
    )
    day(meeting, 2, "الدوافع المنهجية وراء الهجمات", "Systemic drivers of attacks")
    day(meeting, 3, "ممارسات الحماية والحماية الذاتية المجتمعية", "Protection practices")
    day(
        meeting,
        4,
        "التقييم والقرارات",
        "Assessment and decisions",
        "يوم مخصص لأعضاء المجموعة الاستشارية فقط.",
    )

    chair = person(
        "منسّقة نظام التضامن",
        "Solidarity System coordinator",
        position_ar="الشبكة العالمية للحقوق الاقتصادية والاجتماعية والثقافية",
        organisation=escr,
    )
    omct_rep = person(
        "ممثل المنظمة العالمية لمناهضة التعذيب (عن بعد)", "OMCT representative", organisation=omct
    )
    green_rep = person(
        "ممثل الدعاة الخضر (عن بعد)", "Green Advocates representative", organisation=green
    )
    guests = [
        person(f"ممثل {o.name_ar}", f"{o.name_en} representative", organisation=o)
        for o in (slum, aipp, eipr)
    ]
    puya = person("مدافعون عن حقوق الإنسان من لا بويا", "Human rights defenders from La Puya")

    session(
        meeting,
        1,
        "09:00",
        "10:30",
        "opening",
        "الافتتاح والتعارف",
        "Opening",
        room=hall,
        people=[(chair, "chair")],
    )
    session(
        meeting,
        1,
        "11:00",
        "13:00",
        "plenary",
        "الاتجاهات التي تؤثر في المدافعين عن حقوق الإنسان عالمياً",
        "Trends affecting HRDs globally",
        room=hall,
        people=[(chair, "facilitator"), (omct_rep, "presenter"), (guests[0], "discussant")],
    )
    session(
        meeting,
        1,
        "14:30",
        "16:30",
        "discussion",
        "الميثاق المشترك للنضال الجماعي",
        "The common charter for collective struggle",
        room=hall,
        people=[(chair, "facilitator")],
    )
    session(
        meeting,
        2,
        "09:00",
        "12:30",
        "working_group",
        "تحليل الدوافع المنهجية وراء الهجمات",
        "Analysing systemic drivers",
        room=hall,
        people=[(chair, "facilitator"), (guests[1], "discussant"), (guests[2], "discussant")],
    )
    session(
        meeting,
        2,
        "16:00",
        "17:30",
        "panel",
        "شهادات من لا بويا: المشاريع الاستخراجية وقمع المجتمعات",
        "Testimonies from La Puya",
        room=hall,
        people=[(chair, "moderator"), (puya, "presenter")],
    )
    session(
        meeting,
        3,
        "09:00",
        "12:30",
        "discussion",
        "تقييم نقدي لممارسات الحماية التقليدية",
        "Critical review of protection practices",
        room=hall,
        people=[(chair, "facilitator"), (green_rep, "presenter")],
    )
    session(
        meeting,
        3,
        "14:00",
        "16:30",
        "working_group",
        "الحماية الذاتية المستندة إلى المجتمعات المحلية وتوصيات لنظام التضامن",
        "Community-based self-protection and recommendations",
        room=hall,
        people=[(chair, "facilitator")],
    )
    session(
        meeting,
        4,
        "09:00",
        "12:00",
        "plenary",
        "تقييم المناقشات واتخاذ القرارات",
        "Assessment and decisions",
        room=hall,
        people=[(chair, "chair")],
    )
    session(
        meeting,
        4,
        "12:00",
        "13:00",
        "closing",
        "الاستنتاجات والخطوات المقبلة",
        "Conclusions and next steps",
        room=hall,
        people=[(chair, "chair")],
    )
    return meeting


def facilitated_sessions(meeting):
    return []
