"""Demo interventions from the seed documents.

London (seed 000): the third session had fourteen contributions from Saudi figures and groups,
many remote and broadcast live; some could not be aired and some were cut off by technical
faults, and ALQST promised to publish every contribution. The guiding question asked each one
to describe the problem of governance and propose a solution. The speakers are not named in
the source, so they are described, not named.

Guatemala (seed 001): OMCT and Green Advocates took part remotely.
"""

from __future__ import annotations

import datetime as dt

from eventapp.auth.services import find_user
from eventapp.demo import london
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionEvent
from eventapp.interventions.services import Actor
from eventapp.speakers.models import Organisation, Person

# (speaker, organisation, mode, outcome, reason, minutes spoken, statement)
LONDON = [
    (
        "ناشط حقوقي سعودي مقيم في لندن",
        None,
        "in_room",
        "deliver",
        None,
        9,
        "المشكلة في احتكار السلطة والثروة وغياب أي رقابة على القرار. الحل يبدأ بإطلاق حرية "
        "التعبير عن الرأي وفتح المجال للمجتمع ليشارك ويراقب.",
    ),
    (
        "أكاديمية سعودية في المهجر",
        None,
        "remote_live",
        "deliver",
        None,
        10,
        "غياب الشفافية جعل الأخطاء الجسيمة تتكرر دون مساءلة، وأدى إلى قصور في التعليم والصحة. "
        "نقترح نشر المعلومات العامة وإنشاء هيئات رقابة مستقلة.",
    ),
    (
        "ممثل مجموعة من الشباب السعودي في الخارج",
        "مجموعة الشباب السعودي في المهجر",
        "remote_live",
        "interrupt",
        "connection_lost",
        4,
        "أردنا القول إن التفرقة التي تزرعها السلطات بين أطياف المجتمع تمنع التوحد حول مطالب "
        "مشتركة، وإن الخطوة الأولى هي الاعتراف بحق الجميع في التعبير والتجمع.",
    ),
    (
        "ناشطة في حقوق المرأة",
        None,
        "remote_live",
        "deliver",
        None,
        8,
        "لا إصلاح دون مشاركة شعبية حقيقية وتمثيل للنساء والرجال على السواء. الحل في السماح "
        "بتكوين الجمعيات والمؤسسات المدنية المستقلة.",
    ),
    (
        "كاتب وصحفي سعودي",
        None,
        "in_room",
        "deliver",
        None,
        10,
        "منع حرية التعبير هو أصل المشكلات، فالصحافة المستقلة غائبة والنقد يُعاقَب. نقترح إلغاء "
        "القوانين التي تجرّم الرأي والإفراج عن سجناء الرأي.",
    ),
    (
        "ممثل جهة حقوقية سعودية",
        "المنظمة الأوروبية السعودية لحقوق الإنسان",
        "remote_live",
        "deliver",
        None,
        9,
        "الانتهاكات الجسيمة لحقوق الإنسان نتيجة مباشرة لغياب المساءلة. الحل في استقلال القضاء "
        "وإتاحة الرقابة الدولية والمحلية.",
    ),
    (
        "مدافع عن حقوق الإنسان (مداخلة مسجلة)",
        None,
        "recorded",
        "not_aired",
        "video_failure",
        0,
        "تعذّر عرض التسجيل بسبب عطل فني. خلاصة المداخلة: الاستبداد والاستئثار بالسلطة أخّرا "
        "التنمية، والمخرج هو دستور يضمن الحقوق والحريات ومشاركة الشعب في القرار.",
    ),
    (
        "ناشط سياسي معارض",
        None,
        "remote_live",
        "interrupt",
        "audio_failure",
        3,
        "انقطع الصوت أثناء المداخلة. نصها: نحمّل السلطات المسؤولية الكاملة عن أخطاء الماضي "
        "ومخاطر المستقبل، وندعو إلى حوار وطني يشارك فيه الجميع دون إقصاء.",
    ),
    (
        "باحث في الشأن الخليجي",
        "مركز الخليج لحقوق الإنسان",
        "in_room",
        "deliver",
        None,
        7,
        "الوضع في السعودية ينعكس على المنطقة كلها. نقترح بناء قواعد عمل مشتركة بين المنظمات "
        "تبدأ بالتشديد على حرية التعبير وحرية التجمع.",
    ),
    (
        "ممثلة مجموعة من عائلات المعتقلين",
        "رابطة عائلات معتقلي الرأي",
        "remote_live",
        "not_aired",
        "connection_lost",
        0,
        "لم نتمكن من الاتصال بالجلسة. رسالتنا: خوف الناس من التواصل مع المنظمات سببه القمع، "
        "والحل هو ضمان حق التعبير دون انتقام والإفراج عن المعتقلين.",
    ),
    (
        "ناشط شبابي",
        None,
        "remote_live",
        "deliver",
        None,
        6,
        "تهميش المجتمع خلق صراعات بين أطيافه. نريد وطناً تسوده العدالة، ويبدأ ذلك بمؤسسات "
        "مجتمع مدني مستقلة وتنافس سلمي يصب في مصلحة الوطن والمواطن.",
    ),
    (
        "عالم دين مستقل",
        None,
        "remote_live",
        "deliver",
        None,
        8,
        "الإصلاح يتطلب قبول الآخر والتعايش بين أطياف المجتمع. نقترح ميثاقاً وطنياً يضمن "
        "الحريات العامة والمشاركة الشعبية.",
    ),
    (
        "مشارك بيان مكتوب: اقتصادي سعودي",
        None,
        "written",
        "deliver",
        None,
        0,
        "الاستئثار بالثروة وغياب الشفافية في المال العام من أبرز الإشكالات. الحل: نشر الميزانيات "
        "بالتفصيل ورقابة برلمان منتخب على الإنفاق.",
    ),
    (
        "مشاركة ببيان مكتوب: محامية حقوقية",
        None,
        "written",
        "deliver",
        None,
        0,
        "المشكلة في غياب ضمانات المحاكمة العادلة وتوظيف القضاء ضد المعارضين. نقترح قضاءً "
        "مستقلاً وقانوناً يحمي حرية الرأي وحرية تكوين الجمعيات.",
    ),
]


def _actor() -> Actor:
    user = find_user("facilitator@demo.multaqa.org") or find_user("organiser@demo.multaqa.org")
    return Actor.for_user(user) if user else Actor(name="demo")


def _organisation(name_ar: str | None) -> dict:
    if not name_ar:
        return {}
    found = db.session.query(Organisation).filter_by(name_ar=name_ar).first()
    return {"organisation_id": found.id} if found else {"organisation_name": name_ar}


def _session(event, title_en=None, title_ar=None):
    return next(
        s
        for s in event.sessions
        if (title_en and s.title_en == title_en) or (title_ar and s.title_ar == title_ar)
    )


def _play(session, actor, item, outcome, reason, minutes, start: dt.datetime) -> dt.datetime:
    """Run one intervention through the real rules, then give it the times it had that day."""
    if outcome == "not_aired":
        services.change_status(session, actor, item.id, "not_aired", reason=reason)
        end = start
    elif item.mode.value == "written":
        services.change_status(session, actor, item.id, "receive_written")
        end = start
    else:
        services.change_status(session, actor, item.id, "call")
        services.change_status(session, actor, item.id, outcome, reason=reason)
        end = start + dt.timedelta(minutes=minutes, seconds=20)
        item = db.session.get(Intervention, item.id)
        item.started_at, item.ended_at = start, end
        item.spoken_seconds = int((end - start).total_seconds())
    for entry in db.session.query(InterventionEvent).filter_by(intervention_id=item.id):
        entry.created_at = end
    return end + dt.timedelta(minutes=1)


def _london(event, actor) -> None:
    session = _session(event, title_ar=london.THIRD_SESSION_AR)
    services.set_default_limit(session, actor, 10)
    clock = dt.datetime(2017, 12, 9, 14, 40)  # London is on UTC in December
    for name, org, mode, outcome, reason, minutes, statement in LONDON:
        item = services.add_intervention(
            session,
            actor,
            {
                "speaker_name": name,
                "mode": mode,
                "language": "ar",
                "statement": statement,
                "topic": "توصيف المشكلة في نظام الحكم والحل المقترح",
                **_organisation(org),
            },
        )
        clock = _play(session, actor, item, outcome, reason, minutes, clock)
    services.note_technical(session, actor, "انقطاعات متكررة في البث المباشر للمشاركين عن بعد")
    state = services.end_session(session, actor)
    state.ended_at = dt.datetime(2017, 12, 9, 17, 30)


def _guatemala(event, actor) -> None:
    remote = [
        (
            "Trends affecting HRDs globally",
            "OMCT",
            dt.datetime(2019, 7, 8, 17, 15),  # 11:15 in Guatemala (UTC-6)
            "عرضت المنظمة عن بعد الاتجاهات العالمية في استهداف المدافعين عن حقوق الإنسان، "
            "ودعت إلى ربط الحماية بالتوثيق والمناصرة الدولية.",
        ),
        (
            "Critical review of protection practices",
            "Green Advocates",
            dt.datetime(2019, 7, 10, 15, 30),
            "شاركت الرابطة عن بعد من ليبيريا بتجربة المجتمعات المتضررة من المشاريع "
            "الاستخراجية، واقترحت حماية ذاتية تقودها المجتمعات المحلية.",
        ),
    ]
    for title_en, org_key, start, statement in remote:
        session = _session(event, title_en=title_en)
        organisation = (
            db.session.query(Organisation).filter_by(acronym=org_key).first()
            or db.session.query(Organisation).filter_by(name_en=org_key).first()
        )
        person = db.session.query(Person).filter_by(organisation_id=organisation.id).first()
        item = services.add_intervention(
            session,
            actor,
            {
                "person_id": person.id if person else None,
                "speaker_name": None if person else organisation.name_ar,
                "organisation_id": organisation.id,
                "mode": "remote_live",
                "language": "en",
                "statement": statement,
                "topic": session.title_ar,
            },
        )
        _play(session, actor, item, "deliver", None, 18, start)


def load(events: dict) -> None:
    actor = _actor()
    _london(events["london"], actor)
    _guatemala(events["guatemala"], actor)
    db.session.flush()
