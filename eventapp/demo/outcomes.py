"""Outcomes of the three demo events, written from the seed documents through the services."""

from __future__ import annotations

import datetime as dt

from eventapp.auth.services import find_user
from eventapp.demo.london import THIRD_SESSION_AR
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, items, session_outcomes
from eventapp.outcomes.models import FollowUpStatus


def _session(event, title_ar):
    return next(s for s in event.sessions if s.title_ar == title_ar)


def _recs(event, session, rows, english=()):
    """Rows: (text, addressee, theme, priority) and, optionally, the kind addressed; english:
    (text, addressee, theme) in English for the first rows (the others not yet translated)."""
    created = []
    for index, (text, addressee, theme, priority, *kind) in enumerate(rows):
        text_en, addressee_en, theme_en = english[index] if index < len(english) else (None,) * 3
        created.append(
            items.add_recommendation(
                event,
                session,
                {
                    "text": text,
                    "text_en": text_en,
                    "addressee_kind": kind[0] if kind else None,
                    "addressee": addressee,
                    "addressee_en": addressee_en,
                    "theme": theme,
                    "theme_en": theme_en,
                    "priority": priority,
                },
            )
        )
    return created


def publish(event, organiser) -> None:
    """The event outcome's way to the public page: sent for approval, approved, published."""
    event_outcomes.submit_outcome(event, organiser)
    event_outcomes.approve_outcome(event, organiser)
    event_outcomes.set_published(event, True, organiser)


def _steps(event, session, rows, english=()):
    """Rows: (what, who, due date, due in words); english: (what, who, due in words)."""
    for index, (what, who, due_date, due_text) in enumerate(rows):
        what_en, who_en, due_text_en = english[index] if index < len(english) else (None,) * 3
        items.add_next_step(
            event,
            session,
            {
                "what": what,
                "what_en": what_en,
                "who": who,
                "who_en": who_en,
                "due_date": due_date,
                "due_text": due_text,
                "due_text_en": due_text_en,
            },
        )


def load(events: dict) -> None:
    rapporteur = find_user("rapporteur@demo.multaqa.org")
    organiser = find_user("organiser@demo.multaqa.org")
    _london(events["london"], rapporteur, organiser)
    _guatemala(events["guatemala"], organiser)
    _workshop(events["workshop"], rapporteur, organiser)
    db.session.flush()


def _london(event, rapporteur, organiser):
    third = _session(event, THIRD_SESSION_AR)
    session_outcomes.save_session_outcome(
        third,
        {
            "summary": (
                "تضمّنت الجلسة أربع عشرة مشاركة ومداخلة من شخصيات وجهات سعودية مختلفة، كثير منها "
                "عن بُعد وبُثّ مباشرة. وكان سؤال القسط الموحّد لجميع المشاركات حول توصيف المشكلة "
                "في نظام الحكم السعودي والحل المقترح.\n\n"
                "ونجحت الجلسة في أن تخرج **برؤى مشتركة** يمكنها أن تتجاوز الاختلافات بين أطياف "
                "المجتمع."
            ),
            "key_points": (
                "- وجود مشكلة حقيقية تسببت في انتهاكات جسيمة لحقوق الإنسان وتهميش للمجتمع\n"
                "- تأخّر في التنمية والبناء وقصور في التعليم والصحة والخدمات\n"
                "- جدية المخاوف من المستقبل وخطورة المرحلة"
            ),
            "consensus": (
                "- وجوب السماح بحرية التعبير عن الرأي\n"
                "- حرية التجمع وتكوين الجمعيات والمؤسسات والأحزاب\n"
                "- فتح المجال للمجتمع للمشاركة والتمثيل الشعبي\n"
                "- الشفافية والرقابة، وعدم استئثار أحد بالسلطة والقرار\n"
                "- تحميل السلطات المسؤولية الكاملة عن أخطاء الماضي ومخاطر المستقبل"
            ),
            "disagreement": (
                "اختلف المشاركون في توصيف المشكلة، واختلفت سبل الحل التي اقترحوها وتنوّعت."
            ),
            "decisions": (
                "تنشر القسط جميع المشاركات والرؤى، بما فيها التي لم تُبث على الهواء أو تقطّعت "
                "بسبب أخطاء فنية وتقنية."
            ),
            # The decisions are left untranslated on purpose: the English report marks them.
            "summary_en": (
                "The session brought together fourteen contributions and interventions from a "
                "range of Saudi figures and bodies, many of them delivered remotely and "
                "broadcast live. ALQST put the same question to every contributor: how they "
                "would describe the problem in the Saudi system of government, and what "
                "solution they would propose.\n\n"
                "The session succeeded in arriving at **shared visions** capable of bridging "
                "the differences between the various components of society."
            ),
            "key_points_en": (
                "- A real problem exists, which has given rise to grave human rights violations "
                "and to the marginalisation of society\n"
                "- Development has lagged behind, and education, health and public services "
                "fall short\n"
                "- Concerns about the future are serious, and the present period is a critical "
                "one"
            ),
            "consensus_en": (
                "- Freedom of opinion and expression must be guaranteed\n"
                "- Freedom of assembly and of association, including the right to form "
                "associations, institutions and parties\n"
                "- Society must be given the space to participate and to be represented\n"
                "- Transparency and oversight, with no one monopolising power and "
                "decision-making\n"
                "- The authorities bear full responsibility for the mistakes of the past and "
                "the risks of the future"
            ),
            "disagreement_en": (
                "Participants differed in how they described the problem, and the solutions "
                "they proposed were many and varied."
            ),
        },
        0,
        rapporteur,
    )
    _recs(
        event,
        third,
        [
            (
                "السماح بحرية التعبير عن الرأي وإطلاق سراح المعتقلين بسبب آرائهم",
                "السلطات السعودية",
                "حرية التعبير",
                "high",
            ),
            (
                "فتح المجال لحرية التجمع وتكوين الجمعيات ومؤسسات المجتمع المدني",
                "السلطات السعودية",
                "حرية التجمع وتكوين الجمعيات",
                "high",
            ),
            (
                "ضمان المشاركة الشعبية والتمثيل وعدم الاستئثار بالسلطة والثروة",
                "السلطات السعودية",
                "المشاركة العامة",
                "medium",
            ),
            (
                "الضغط على السلطات للحد من الانتهاكات، وربط العلاقات بمدى احترام حقوق الإنسان",
                "الدول الحليفة",
                "العلاقات الدولية",
                "medium",
            ),
            (
                "مواصلة التعاون والتخطيط المشترك بين المنظمات العاملة على الحالة السعودية",
                "المنظمات الحقوقية",
                "العمل المشترك",
                "medium",
            ),
        ],
        # The fifth recommendation is left untranslated on purpose.
        english=[
            (
                "Guarantee freedom of opinion and expression, and release those detained for "
                "their views",
                "The Saudi authorities",
                "Freedom of expression",
            ),
            (
                "Open up space for freedom of assembly and association and for civil society "
                "organisations",
                "The Saudi authorities",
                "Freedom of assembly and association",
            ),
            (
                "Ensure popular participation and representation, and end the monopolisation "
                "of power and wealth",
                "The Saudi authorities",
                "Public participation",
            ),
            (
                "Press the authorities to curb violations, and make relations conditional on "
                "respect for human rights",
                "Allied States",
                "International relations",
            ),
        ],
    )
    _steps(
        event,
        third,
        [
            ("نشر جميع المشاركات بما فيها التي لم تُبث", "القسط", dt.date(2018, 1, 31), None),
            (
                "تنظيم مؤتمرات وجلسات وحوارات أخرى في اتجاه التعايش وقبول الآخر",
                "القسط وشركاؤها",
                None,
                "خلال العام القادم",
            ),
        ],
        english=[
            ("Publish all contributions, including those that were not broadcast", "ALQST", None),
            (
                "Organise further conferences, sessions and dialogues that promote coexistence "
                "and acceptance of others",
                "ALQST and its partners",
                "Within the coming year",
            ),
        ],
    )
    session_outcomes.submit_outcome(third, rapporteur)
    session_outcomes.approve_outcome(third, organiser)


def _guatemala(event, organiser):
    objectives = event.objectives()
    data = {
        "summary": (
            "التقى أعضاء المجموعة الاستشارية لنظام التضامن في أنتيغوا غواتيمالا، مع مشاركة عن "
            "بُعد من الدعاة الخضر والمنظمة العالمية لمناهضة التعذيب، وانضم إليهم مدعوون خلال "
            "الأيام الثلاثة الأولى."
        ),
        "conclusions": (
            "خلص الفريق الاستشاري إلى أن نظام التضامن يشمل إجراءات مهمة تهدف إلى حماية المدافعين "
            "عن حقوق الإنسان، وقدّم اقتراحات لتحسين فعالية العمل التفاعلي للنظام.\n\n"
            "واتفق المشاركون على أن **تفحّص الدوافع الهيكلية** التي تقف وراء الهجمات على "
            "المدافعين أمر استراتيجي، وأكّدوا أهمية تعميق التعاون مع الفرق العاملة والمشاريع "
            "القائمة عبر الشبكة."
        ),
        "summary_en": (
            "Members of the Solidarity System Advisory Group met in Antigua Guatemala, with "
            "remote participation from the Green Advocates and the World Organisation Against "
            "Torture, joined by invited guests during the first three days."
        ),
        "conclusions_en": (
            "The Advisory Group concluded that the Solidarity System includes important "
            "measures to protect human rights defenders, and made proposals to improve the "
            "effectiveness of the system's reactive work.\n\n"
            "Participants agreed that **examining the structural drivers** behind attacks on "
            "defenders is strategic, and stressed the importance of deepening cooperation with "
            "the working groups and existing projects across the network."
        ),
    }
    comments_en = [
        "A shared analysis of the global forces driving violence against activists was built.",
        "Links with the working groups were identified; the proactive advocacy plan is still "
        "being prepared.",
        "Traditional protection practices were assessed and community-based self-protection "
        "approaches explored.",
    ]
    ratings = [
        ("met", "بُني تحليل مشترك للقوى العالمية التي تحرّك العنف ضد النشطاء."),
        ("partly", "حُدّدت روابط مع الفرق العاملة، وتبقى خطة المناصرة الاستباقية قيد الإعداد."),
        ("met", "قُيّمت ممارسات الحماية التقليدية واستُكشفت نُهج الحماية الذاتية المجتمعية."),
    ]
    for goal, (rating, comment), comment_en in zip(objectives, ratings, comments_en, strict=False):
        data[f"rating_{goal.id}"] = rating
        data[f"comment_{goal.id}"] = comment
        data[f"comment_en_{goal.id}"] = comment_en
    day_texts = [
        "حدّد الأعضاء الاتجاهات التي تؤثر في المدافعين عن حقوق الإنسان عالمياً، واستعرضوا "
        "النطاق الحالي لنظام التضامن والميثاق المشترك للنضال الجماعي.",
        "خُصّص اليوم لتحليل الدوافع المنهجية وراء الهجمات على المدافعين. وفي نهايته انضم ثلاثة "
        "مدافعين من لا بويا وشاركوا تجاربهم مع المشاريع الاستخراجية وقمع مجتمعاتهم.",
        "أجرى المشاركون تقييماً نقدياً لممارسات الحماية التقليدية، واستكشفوا نُهجاً بديلة "
        "للحماية الذاتية تستند إلى المجتمعات المحلية، واستنبطوا توصيات لمستقبل نظام التضامن.",
        "قيّم أعضاء المجموعة الاستشارية مناقشات الأيام السابقة واتخذوا قرارات بشأن مستقبل "
        "نظام التضامن لدى الشبكة.",
    ]
    for day, text in zip(event.days, day_texts, strict=False):
        data[f"day_{day.id}"] = text
    event_outcomes.save_event_outcome(event, data, 0, organiser)
    _recs(
        event,
        None,
        [
            (
                "إبراز الروابط بين الهجمات على المدافعين وعملهم اليومي في كل إجراء تضامني",
                "الشبكة العالمية للحقوق الاقتصادية والاجتماعية والثقافية",
                "نظام التضامن",
                "high",
                "network",
            ),
            (
                "تعميق التعاون مع الفرق العاملة والمشاريع القائمة عبر الشبكة",
                "الفرق العاملة في الشبكة",
                "العمل الجماعي",
                "medium",
            ),
            (
                "دعم نُهج الحماية الذاتية المستندة إلى المجتمعات المحلية",
                "الأعضاء",
                "الحماية",
                "medium",
            ),
        ],
    )
    _steps(
        event,
        None,
        [
            (
                "صياغة مقترحات لتحسين العمل التفاعلي لنظام التضامن",
                "المجموعة الاستشارية",
                None,
                "قبل الاجتماع السنوي",
            ),
        ],
    )
    # Approved once its recommendations and next steps are written: approval locks them.
    publish(event, organiser)


def _workshop(event, rapporteur, organiser):
    outputs = event.expected_outputs()
    data = {
        "summary": (
            "نُفّذ اللقاء التشاوري في يوم واحد من خلال ثلاث جلسات، تخللتها جلسات نقاشية "
            "وتفاعلية، بإدارة أ. ديمه الصقري."
        ),
        "conclusions": (
            "أكّد المشاركون ضرورة إنشاء قاعدة بيانات وطنية لتتبع توصيات حقوق الإنسان، وتصنيف "
            "التوصيات وتحديد أولويات تنفيذها ضمن خطة وطنية."
        ),
    }
    for goal, (rating, comment) in zip(
        outputs,
        [
            ("met", "حُدّدت العناصر الرئيسة لخطة التنفيذ."),
            ("partly", "نوقشت منهجية التصنيف، وتبقى الأولويات بحاجة إلى اعتماد اللجنة."),
            ("met", "حلّل الأعضاء التحديات في النقاش التفاعلي."),
        ],
        strict=False,
    ):
        data[f"rating_{goal.id}"] = rating
        data[f"comment_{goal.id}"] = comment
    event_outcomes.save_event_outcome(event, data, 0, organiser)

    discussion = next(s for s in event.sessions if s.title_en and "database" in s.title_en)
    session_outcomes.save_session_outcome(
        discussion,
        {
            "summary": (
                "ناقش الأعضاء كيفية تصنيف التوصيات الصادرة عن الآليات الدولية وتحديد أولويات "
                "تنفيذها، وتبادلوا تجارب وزاراتهم في جمع المعلومات."
            ),
            "key_points": "- الحاجة إلى نقطة اتصال في كل وزارة\n- توحيد صيغة تقارير التقدّم",
            "consensus": "إنشاء قاعدة بيانات وطنية لتتبع التوصيات تديرها الأمانة الفنية.",
        },
        0,
        rapporteur,
    )
    recs = _recs(
        event,
        discussion,
        [
            (
                "إنشاء قاعدة بيانات وطنية لتتبع توصيات حقوق الإنسان",
                "اللجنة الدائمة لإعداد التقارير",
                "المتابعة",
                "high",
            ),
            (
                "تسمية نقطة اتصال في كل وزارة لمتابعة تنفيذ التوصيات",
                "الوزارات الأعضاء في اللجنة الدائمة",
                "التنسيق",
                "high",
            ),
            (
                "تصنيف التوصيات حسب المحاور وتحديد أولويات تنفيذها",
                "اللجنة الدائمة لإعداد التقارير",
                "التخطيط",
                "medium",
            ),
            (
                "تدريب ممثلي الوزارات على إدارة البيانات والمعلومات",
                "هيئة حقوق الإنسان",
                "بناء القدرات",
                "medium",
            ),
        ],
    )
    _steps(
        event,
        discussion,
        [("إعداد مسودة خطة التنفيذ", "الأمانة الفنية", dt.date(2023, 9, 30), None)],
    )
    session_outcomes.submit_outcome(discussion, rapporteur)
    session_outcomes.approve_outcome(discussion, organiser)
    db.session.flush()
    updates = [
        (
            "in_progress",
            "هيئة حقوق الإنسان",
            dt.date(2023, 12, 31),
            [(dt.date(2023, 7, 2), "أُعدّت مواصفات قاعدة البيانات بالتعاون مع المفوضية.")],
        ),
        (
            "implemented",
            "الوزارات الأعضاء",
            dt.date(2023, 8, 31),
            [(dt.date(2023, 8, 20), "سمّت جميع الوزارات نقاط الاتصال.")],
        ),
        ("adopted", "اللجنة الدائمة لإعداد التقارير", dt.date(2024, 3, 31), []),
        ("proposed", None, None, []),
    ]
    for rec, (status, body, due, notes) in zip(recs, updates, strict=False):
        # Set directly: the demo's history is dated 2023, not the day it is loaded.
        rec.status = FollowUpStatus(status)
        rec.responsible_body, rec.due_date = body, due
        for noted_on, text in notes:
            followup.add_progress_note(rec, noted_on, text, organiser)
