"""ALQST's first conference, London, 9 December 2017 (seed 000)."""

import datetime as dt

from eventapp.demo.builder import day, event, organisation, person, room, session
from eventapp.speakers.models import OrganisationKind as K

KEY = "london"
THIRD_SESSION_AR = "مداخلات ورؤى: توصيف المشكلة والحل المقترح"


def build(organiser):
    alqst = organisation(
        "القسط لحقوق الإنسان", "ALQST for Human Rights", "ALQST", K.NGO, "المملكة المتحدة"
    )
    esohr = organisation(
        "المنظمة الأوروبية السعودية لحقوق الإنسان",
        "European Saudi Organisation for Human Rights",
        "ESOHR",
        K.NGO,
        "ألمانيا",
    )
    hrw = organisation("هيومن رايتس ووتش", "Human Rights Watch", "HRW", K.NGO, "الولايات المتحدة")
    amnesty = organisation(
        "منظمة العفو الدولية", "Amnesty International", None, K.NGO, "المملكة المتحدة"
    )
    karama = organisation("الكرامة", "Alkarama", None, K.NGO, "سويسرا")
    rsf = organisation("مراسلون بلا حدود", "Reporters Without Borders", "RSF", K.MEDIA, "فرنسا")
    gchr = organisation(
        "مركز الخليج لحقوق الإنسان", "Gulf Centre for Human Rights", "GCHR", K.NGO, "لبنان"
    )
    sentinel = organisation(
        "المدافعون عن حقوق الإنسان",
        "Sentinel Human Rights Defenders",
        None,
        K.NGO,
        "المملكة المتحدة",
    )

    conference = event(
        organiser,
        slug="alqst-london-2017",
        kind="conference",
        title_ar="مؤتمر القسط الأول",
        title_en="ALQST First Annual Conference",
        description_ar=(
            "مؤتمر في لندن شارك فيه خبراء بريطانيون ومنظمات سعودية وعالمية وعدد من الشخصيات "
            "السعودية المتنوعة، لبحث واقع حقوق الإنسان في السعودية والمخاوف من المستقبل."
        ),
        description_en=(
            "A conference in London with British experts, Saudi and international "
            "organisations and Saudi public figures on human rights in Saudi Arabia."
        ),
        venue_ar="لندن",
        venue_en="London",
        city_ar="لندن",
        city_en="London",
        country="المملكة المتحدة",
        attendance_mode="hybrid",
        timezone="Europe/London",
        first_day=_date("2017-12-09"),
        last_day=_date("2017-12-09"),
        partners=[(alqst, "organiser")],
        objectives=[
            (
                "الاستفادة من خبرات الخبراء والمنظمات وإيصال رؤيتهم إلى المجتمع السعودي ثم العالم",
                "Draw on the expertise of experts and organisations and convey their vision to "
                "Saudi society and then to the world",
            ),
            (
                "تعزيز التعاون والتخطيط المشترك بين المنظمات العاملة على الحالة السعودية",
                "Strengthen cooperation and joint planning among the organisations working on "
                "Saudi Arabia",
            ),
            (
                "الخروج برؤى مشتركة تتجاوز الاختلافات بين أطياف المجتمع",
                "Arrive at shared visions that bridge the differences between the components "
                "of society",
            ),
        ],
    )
    hall = room(
        conference, "القاعة الرئيسية", 150, "https://meet.example.org/alqst-2017", "Main Hall"
    )
    day(conference, 1, "اليوم العالمي لحقوق الإنسان", "Human Rights Day")

    moderator = person(
        "يحيى عسيري",
        "Yahya Assiri",
        honorific_ar="أ.",
        honorific_en="Mr",
        position_ar="مدير القسط",
        position_en="Director, ALQST",
        organisation=alqst,
    )
    expert_1 = person(
        "إميلي هارت",
        "Emily Hart",
        honorific_ar="د.",
        honorific_en="Dr",
        position_ar="باحثة في العلاقات الدولية",
        position_en="International relations researcher",
    )
    expert_2 = person(
        "مارك ريد",
        "Mark Reed",
        honorific_ar="أ.",
        honorific_en="Mr",
        position_ar="خبير في سياسات تصدير السلاح",
        position_en="Arms-export policy expert",
    )
    session(
        conference,
        1,
        "10:00",
        "11:30",
        "panel",
        "العلاقات الدولية مع السعودية ودورها في استمرار الانتهاكات",
        "International relations with Saudi Arabia and the persistence of violations",
        room=hall,
        people=[(moderator, "moderator"), (expert_1, "panellist"), (expert_2, "panellist")],
        description_ar=(
            "خبراء بريطانيون يتحدثون عن العلاقات الدولية بالسعودية ودور بعض الجهات في استمرار "
            "الانتهاكات، وكيفية الضغط للحد منها."
        ),
    )
    session(conference, 1, "11:30", "11:45", "break", "استراحة", "Break")

    panel = [
        (
            person("منسّق الجلسة من منظمة المدافعين", "Sentinel moderator", organisation=sentinel),
            "moderator",
        )
    ]
    for org in (esohr, alqst, hrw, amnesty, karama, rsf, gchr):
        panel.append(
            (
                person(f"ممثل {org.name_ar}", f"{org.name_en} representative", organisation=org),
                "panellist",
            )
        )
    session(
        conference,
        1,
        "11:45",
        "13:30",
        "panel",
        "المنظمات الحقوقية: المصاعب ورؤى الحل والعمل المشترك",
        "Human-rights organisations: obstacles, solutions and joint work",
        room=hall,
        people=panel,
        description_ar=(
            "ممثلون عن سبع منظمات سعودية وعالمية، بإدارة منظمة المدافعون عن حقوق الإنسان، "
            "يتحدثون عن المصاعب التي تواجه عملهم ورؤاهم لحلها وتخطيط العمل المستقبلي."
        ),
    )
    session(conference, 1, "13:30", "14:30", "break", "غداء", "Lunch")
    session(
        conference,
        1,
        "14:30",
        "17:30",
        "discussion",
        THIRD_SESSION_AR,
        "Contributions: describing the problem and the proposed solution",
        room=hall,
        people=[(moderator, "moderator")],
        description_ar=(
            "أربع عشرة مشاركة ومداخلة من شخصيات وجهات سعودية مختلفة، كثير منها عن بعد وبُثّ "
            "مباشرة. ستُنشر جميع المشاركات، بما فيها التي لم تُبث أو انقطعت."
        ),
        guiding_question_ar="ما توصيف المشكلة في نظام الحكم السعودي، وما الحل المقترح؟",
        guiding_question_en="How do you describe the problem in Saudi governance, and what "
        "solution do you propose?",
    )
    return conference


def facilitated_sessions(conference):
    return [s for s in conference.sessions if s.title_ar == THIRD_SESSION_AR]


def _date(text):
    return dt.date.fromisoformat(text)
