"""What the demo's hybrid conference (eventapp.demo.hybrid) produced: the interventions of its
sessions, in the room and remote, spoken, cut off, never aired, handed in writing or read out on
someone's behalf, in Arabic, English and French; the sessions' approved outcomes; and the event
outcome, approved and published, with recommendations addressed to a kind of organisation, a
named organisation or in free text.

Speakers are registered participants present that day (in the room: at the session's door or in
the hall; remote: joined); written statements come from anyone registered for the day. Their
naming consent is copied from the registration, as the product does. Times are the event's
(Amman), stored in UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from eventapp.demo.hybrid_clock import utc
from eventapp.demo.hybrid_people import REMOTE, Crowd
from eventapp.extensions import db
from eventapp.interventions.models import (
    Intervention,
    InterventionEvent,
    InterventionMode,
    InterventionStatus,
    SessionQueueState,
    StatusReason,
)
from eventapp.outcomes import event_outcomes, session_outcomes
from eventapp.outcomes.models import NextStep, OutcomeStatus, Priority, Recommendation
from eventapp.registration.models import Mode, Status
from eventapp.sessions.models import SessionKind
from eventapp.speakers.models import Organisation
from eventapp.speakers.models import OrganisationKind as K

S, R = InterventionStatus, StatusReason
READER = "رنا الحسيني"  # the chair reads out a statement on its author's behalf

# Who (room, remote, written, or "anonymous-" one of them, or "demo" for the README's remote
# participant), status, reason, seconds spoken, language, statement (None: spoken only).
PANEL = (
    ("room", S.DELIVERED, None, 150, "ar", None),
    ("remote", S.DELIVERED, None, 170, "en", None),
    ("anonymous-room", S.DELIVERED, None, 120, "ar", None),
    ("remote", S.INTERRUPTED, R.CONNECTION_LOST, 65, "ar", None),
    ("room", S.DELIVERED, None, 140, "en", None),
    (
        "written",
        S.RECEIVED_IN_WRITING,
        None,
        0,
        "ar",
        "نطالب الشركات بنشر تقييمات الأثر في حقوق الإنسان قبل دخول أي سوق في المنطقة.",
    ),
)
GROUP = (
    ("room", S.DELIVERED, None, 160, "ar", None),
    ("room", S.DELIVERED, None, 130, "fr", None),
    ("anonymous-room", S.DELIVERED, None, 110, "ar", None),
    ("room", S.DELIVERED, None, 145, "en", None),
)
REPORT_BACK = (
    ("room", S.DELIVERED, None, 120, "ar", None),
    ("remote", S.DELIVERED, None, 135, "en", None),
)
DISCUSSION = (
    ("room", S.DELIVERED, None, 180, "ar", None),
    ("demo", S.DELIVERED, None, 175, "fr", None),
    ("remote", S.NOT_AIRED, R.SPEAKER_UNAVAILABLE, 0, "ar", None),
    ("room", S.DELIVERED, None, 150, "en", None),
    ("remote", S.INTERRUPTED, R.AUDIO_FAILURE, 80, "ar", None),
    (
        "written",
        S.READ_ON_BEHALF,
        None,
        140,
        "ar",
        "تعذّر عليّ الاتصال من الخرطوم. أطلب أن تتضمن التوصيات التزام الشركات بعدم قطع "
        "الإنترنت أو إبطائه بطلب من السلطات دون أمر قضائي معلن.",
    ),
    ("anonymous-remote", S.DELIVERED, None, 160, "ar", None),
    ("room", S.DELIVERED, None, 125, "ar", None),
    (
        "written",
        S.RECEIVED_IN_WRITING,
        None,
        0,
        "en",
        "Platform workers in the region need the right to organise and to see how algorithms "
        "assign and rate their work.",
    ),
    ("remote", S.NOT_AIRED, R.CONNECTION_LOST, 0, "fr", None),
)
CLOSING = (
    ("room", S.DELIVERED, None, 200, "ar", None),
    ("room", S.DELIVERED, None, 180, "en", None),
)
TOPIC = {
    SessionKind.PANEL: "أسئلة إلى المتحدثين",
    SessionKind.WORKING_GROUP: "مداخلة في الفريق العامل",
    SessionKind.PLENARY: "تعقيب على خلاصات الفرق",
    SessionKind.DISCUSSION: "توصية إلى جهة بعينها",
    SessionKind.CLOSING: "كلمة ختامية",
}
# When the floor opens in each kind of session (local time) and the actions' names.
FLOOR = {
    SessionKind.PANEL: "11:20",
    SessionKind.WORKING_GROUP: "13:00",
    SessionKind.PLENARY: "10:15",
    SessionKind.DISCUSSION: "11:05",
    SessionKind.CLOSING: "13:20",
}
FINAL_ACTION = {
    S.DELIVERED: "deliver",
    S.INTERRUPTED: "interrupt",
    S.NOT_AIRED: "not_aired",
    S.RECEIVED_IN_WRITING: "receive_written",
    S.READ_ON_BEHALF: "read_on_behalf",
}


def load(conference, crowd: Crowd, facilitator, rapporteur, staff, owner) -> None:
    sessions = {s.kind: s for s in conference.sessions if s.kind != SessionKind.BREAK}
    groups = sorted(
        (s for s in conference.sessions if s.kind == SessionKind.WORKING_GROUP),
        key=lambda s: s.id,
    )
    _interventions(sessions[SessionKind.PANEL], PANEL, crowd, staff)
    _interventions(groups[0], GROUP[:3], crowd, facilitator)
    _interventions(groups[2], GROUP, crowd, facilitator)
    _interventions(sessions[SessionKind.PLENARY], REPORT_BACK, crowd, staff)
    discussion = _interventions(sessions[SessionKind.DISCUSSION], DISCUSSION, crowd, staff)
    discussion.technical_note = (
        "انقطع الصوت عن المشاركين عن بعد دقيقتين عند الساعة 11:40؛ أُعيد الاتصال من القاعة."
    )
    _interventions(sessions[SessionKind.CLOSING], CLOSING, crowd, staff)
    _session_outcomes(conference, sessions, groups, rapporteur, staff, owner)
    _recommendations(conference, sessions, groups)
    _event_outcome(conference, staff, owner)
    db.session.flush()


def _pool(session, who: str, crowd: Crowd, used: set[int]):
    """The next registration that may speak this way in this session, by number."""
    remote = who.endswith("remote")
    anonymous = who.startswith("anonymous")
    present = crowd.in_session.get(session.id, set())
    for registration in crowd.registrations:
        if registration.id in used or registration.status != Status.CONFIRMED:
            continue
        if who == "demo":
            if registration.email == REMOTE["email"]:
                return registration
            continue
        if registration.email == REMOTE["email"]:
            continue
        if (registration.report_naming.value == "anonymous") != anonymous:
            continue
        if who == "written":
            if any(d.id == session.day_id for d in registration.days):
                return registration
        elif registration.id in present and (registration.mode == Mode.REMOTE) == remote:
            return registration
    raise LookupError(f"no participant to speak as {who} in session {session.id}")


def _interventions(session, rows, crowd: Crowd, actor) -> SessionQueueState:
    clock = utc(session.day.date, FLOOR[session.kind])
    used: set[int] = set()
    state = SessionQueueState(
        session_id=session.id, version=1, list_open=False, default_limit_seconds=180
    )
    db.session.add(state)
    for position, (who, status, reason, seconds, language, statement) in enumerate(rows, 1):
        speaker = _pool(session, who, crowd, used)
        used.add(speaker.id)
        written = who == "written"
        mode = (
            InterventionMode.WRITTEN
            if written
            else InterventionMode.REMOTE_LIVE
            if speaker.mode == Mode.REMOTE
            else InterventionMode.IN_ROOM
        )
        aired = status not in (S.NOT_AIRED, S.RECEIVED_IN_WRITING)
        item = Intervention(
            session_id=session.id,
            speaker_name=speaker.name_ar or speaker.name_en,
            participant_email=speaker.email,
            consent=speaker.report_naming.value,
            organisation_id=speaker.organisation_id,
            organisation_name=speaker.organisation.display_name,
            topic=TOPIC[session.kind],
            language=language,
            mode=mode,
            source="participant" if speaker.mode == Mode.REMOTE or written else "organiser",
            requested_position=position,
            position=position,
            status=status,
            status_reason=reason,
            started_at=clock if aired else None,
            ended_at=clock + dt.timedelta(seconds=seconds) if aired else None,
            spoken_seconds=seconds if aired else 0,
            statement=statement,
            statement_by=READER if status == S.READ_ON_BEHALF else None,
            statement_at=clock - dt.timedelta(minutes=30) if statement else None,
            created_at=clock - dt.timedelta(minutes=20),
            updated_at=clock + dt.timedelta(seconds=seconds),
        )
        db.session.add(item)
        steps = [("requested" if item.source == "participant" else "added", None, S.APPROVED)]
        if status in (S.DELIVERED, S.INTERRUPTED):
            steps.append(("call", S.APPROVED, S.LIVE))
        steps.append((FINAL_ACTION[status], steps[-1][2], status))
        for number, (action, before, after) in enumerate(steps):
            db.session.add(
                InterventionEvent(
                    session_id=session.id,
                    intervention=item,
                    action=action,
                    from_status=before,
                    to_status=after,
                    reason=reason if after == status else None,
                    actor_user_id=actor.id,
                    created_at=item.created_at if number == 0 else item.updated_at,
                )
            )
        state.version += len(steps)
        clock += dt.timedelta(seconds=seconds + 45)
    state.ended_at = utc(session.day.date, session.end_time.isoformat("minutes"))
    state.updated_at = state.ended_at
    db.session.add(
        InterventionEvent(
            session_id=session.id,
            action="session_ended",
            actor_user_id=actor.id,
            created_at=state.ended_at,
        )
    )
    return state


# Session outcomes: (summary, key points, consensus), by session.
GROUP_OUTCOMES = (
    (
        "ناقش الفريق انتشار برمجيات التجسس التجارية في المنطقة واستهداف الصحفيين والمدافعين "
        "بها، وغياب أي رقابة على تصديرها وبيعها.",
        "- حالات موثّقة في ست دول على الأقل\n- لا تنشر أي شركة بيانات عن عملائها الحكوميين",
        "وقف بيع برمجيات التجسس واستخدامها إلى أن تتوفر ضمانات قانونية ورقابة قضائية.",
    ),
    (
        "استعرض الفريق قوانين حماية البيانات في المنطقة، وناقش طلبات الحكومات للوصول إلى "
        "بيانات المستخدمين لدى شركات الاتصالات.",
        "- قوانين حديثة بلا هيئات رقابة مستقلة\n- تقارير الشفافية نادرة في المنطقة",
        "هيئات مستقلة لحماية البيانات، وتقارير شفافية دورية من الشركات.",
    ),
    (
        "تناول الفريق إدارة المحتوى العربي على المنصات: الحذف الآلي المفرط، وضعف فهم اللهجات، "
        "وتأثير ذلك في التوثيق والصحافة.",
        "- الحذف الآلي يطال توثيق الانتهاكات\n- المراجعون لا يتقنون اللهجات المحلية",
        "مراجعة بشرية بلغات المنطقة ولهجاتها، وطريق واضح للاعتراض.",
    ),
)


def _approved(session, data, writer, approver, day_after: int) -> None:
    """Written, sent for approval and approved through the services, dated after the event."""
    session_outcomes.save_session_outcome(session, data, 0, writer)
    outcome = session_outcomes.submit_outcome(session, writer)
    session_outcomes.approve_outcome(session, approver)
    outcome.submitted_at = utc(session.day.date, "18:00") + dt.timedelta(days=day_after)
    outcome.approved_at = outcome.submitted_at + dt.timedelta(days=1)


# The same in English, for partners who read English.
GROUP_OUTCOMES_EN = (
    (
        "The group discussed the spread of commercial spyware in the region, its use against "
        "journalists and human rights defenders, and the absence of any oversight of its "
        "export and sale.",
        "- Documented cases in at least six countries\n- No company publishes data on its "
        "government clients",
        "A halt to the sale and use of spyware until legal safeguards and judicial oversight "
        "are in place.",
    ),
    (
        "The group reviewed data protection laws in the region and discussed government "
        "requests to telecommunications companies for access to user data.",
        "- Recent laws without independent supervisory authorities\n- Transparency reports "
        "are rare in the region",
        "Independent data protection authorities, and regular transparency reports from companies.",
    ),
    (
        "The group examined the moderation of Arabic content on platforms: excessive automated "
        "removal, poor understanding of dialects, and the effect of both on documentation and "
        "journalism.",
        "- Automated removal erases the documentation of violations\n- Reviewers do not "
        "master local dialects",
        "Human review in the languages and dialects of the region, with a clear route of appeal.",
    ),
)


def _session_outcomes(conference, sessions, groups, rapporteur, staff, owner) -> None:
    for group, texts, texts_en in zip(groups, GROUP_OUTCOMES, GROUP_OUTCOMES_EN, strict=True):
        names = ("summary", "key_points", "consensus")
        data = dict(zip(names, texts, strict=True))
        data.update(zip((f"{name}_en" for name in names), texts_en, strict=True))
        _approved(group, data, rapporteur, staff, 1)
    _approved(
        sessions[SessionKind.PANEL],
        {
            "summary": "عرض المتحدثون أثر نماذج الأعمال القائمة على البيانات والإعلانات في "
            "الخصوصية وحرية التعبير في المنطقة، وأجابوا عن أسئلة القاعة والمشاركين عن بعد.",
            "disagreement": "اختلف ممثل الشركات مع المجتمع المدني حول كفاية المعايير الطوعية.",
            "summary_en": "The speakers set out how business models built on data and "
            "advertising affect privacy and freedom of expression in the region, and answered "
            "questions from the floor and from remote participants.",
            "disagreement_en": "The representative of the companies disagreed with civil "
            "society on whether voluntary standards are sufficient.",
        },
        staff,
        owner,
        2,
    )
    _approved(
        sessions[SessionKind.DISCUSSION],
        {
            "summary": "صاغ المشاركون في القاعة وعن بعد توصية لكل جهة؛ قُرئ بيان مشاركة تعذّر "
            "اتصالها، وضُمّت البيانات المكتوبة إلى التقرير.",
            "decisions": "تُرسل التوصيات إلى كل جهة مخاطَبة باسمها وتُتابع ردودها علناً.",
            "summary_en": "Participants in the room and online drafted a recommendation for "
            "each addressee; a statement was read out on behalf of a participant who could not "
            "connect, and the written statements were annexed to the report.",
            "decisions_en": "Each recommendation is sent to its addressee by name, and the "
            "responses are followed up publicly.",
        },
        staff,
        owner,
        1,
    )


def _named(name_en: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.name_en == name_en))


def _recommendations(conference, sessions, groups) -> None:
    discussion = sessions[SessionKind.DISCUSSION]
    # (session or None for the event, text, kind, named organisation (English name), free
    # text, theme, priority)
    rows = (
        (groups[0], "وقف تصدير برمجيات التجسس واستيرادها واستخدامها إلى أن تتوفر ضمانات "
         "قانونية ورقابة قضائية مستقلة", K.GOVERNMENT, None, None, "المراقبة الرقمية", "high"),
        (groups[0], "إجراء العناية الواجبة بحقوق الإنسان قبل بيع أي تقنية مراقبة، ونشر "
         "نتائجها", K.COMPANY, None, None, "المراقبة الرقمية", "high"),
        (groups[1], "سنّ قوانين لحماية البيانات الشخصية تنشئ هيئات رقابة مستقلة ذات صلاحيات",
         K.PARLIAMENT, None, None, "حماية البيانات", "high"),
        (groups[1], "نشر تقرير شفافية نصف سنوي عن طلبات الحكومات للوصول إلى بيانات المشتركين",
         None, "Mashreq Telecom", None, "حماية البيانات", "medium"),
        (groups[2], "مراجعة بشرية لقرارات حذف المحتوى العربي يقوم بها من يتقن لهجات المنطقة، "
         "مع طريق واضح للاعتراض", K.COMPANY, None, None, "إدارة المحتوى", "high"),
        (groups[2], "اعتماد مبادئ تحريرية للتحقق من المحتوى الرقمي وحماية مصادر التوثيق",
         K.MEDIA, None, None, "إدارة المحتوى", "medium"),
        (discussion, "إعداد توجيهات إقليمية بشأن قطاع التقنية في المنطقة العربية وفق المبادئ "
         "التوجيهية للأمم المتحدة", None, "UN Working Group on Business and Human Rights",
         None, "المعايير الدولية", "high"),
        (discussion, "إدراج الحقوق الرقمية في أعمال لجنة حقوق الإنسان العربية (لجنة الميثاق)",
         None, "League of Arab States", None, "المعايير الإقليمية", "medium"),
        (discussion, "رصد أثر الشركات التقنية في حقوق الإنسان في التقارير السنوية", K.NHRI,
         None, None, "الرصد", "medium"),
        (discussion, "التفاوض الجماعي باسم عمّال المنصات الرقمية على شفافية الخوارزميات",
         K.TRADE_UNION, None, None, "حقوق العمل", "medium"),
        (None, "دعم التفاوض على معاهدة دولية ملزمة بشأن الأعمال التجارية وحقوق الإنسان",
         None, None, "الدول العربية الأعضاء في مجلس حقوق الإنسان", "المعايير الدولية", "high"),
        (None, "متابعة تنفيذ توصيات عمّان في الاستعراض الدوري الشامل للدول المعنية",
         K.UN_BODY, None, None, "المتابعة", "medium"),
        (None, "تمويل مساحات آمنة لمشاركة المدافعين عن بعد في الاجتماعات الإقليمية",
         K.INTERGOVERNMENTAL, None, "الجهات المانحة والمنظمات الإقليمية", "المشاركة", "low"),
    )  # fmt: skip
    # In English, row by row (text, free-text addressee, theme); None: not yet translated, on
    # purpose (the English summary marks it and the translation checklist lists it).
    english = (
        ("Halt the export, import and use of spyware until legal safeguards and independent "
         "judicial oversight are in place", None, "Digital surveillance"),
        ("Conduct human rights due diligence before selling any surveillance technology, and "
         "publish its findings", None, "Digital surveillance"),
        ("Enact personal data protection laws that establish independent supervisory "
         "authorities with real powers", None, "Data protection"),
        ("Publish a twice-yearly transparency report on government requests for access to "
         "subscriber data", None, "Data protection"),
        ("Ensure that decisions to remove Arabic content are reviewed by people who master the "
         "dialects of the region, with a clear route of appeal", None, "Content moderation"),
        ("Adopt editorial principles for verifying digital content and protecting "
         "documentation sources", None, "Content moderation"),
        ("Develop regional guidance on the technology sector in the Arab region, in line with "
         "the UN Guiding Principles", None, "International standards"),
        ("Include digital rights in the work of the Arab Human Rights Committee (the Charter "
         "Committee)", None, "Regional standards"),
        ("Monitor the human rights impact of technology companies in annual reports", None,
         "Monitoring"),
        None,
        ("Support the negotiation of a binding international treaty on business and human "
         "rights", "Arab member States of the Human Rights Council", "International standards"),
        ("Follow up the implementation of the Amman recommendations in the Universal Periodic "
         "Review of the States concerned", None, "Follow-up"),
        ("Fund safe spaces for the remote participation of human rights defenders in regional "
         "meetings", "Donors and regional organisations", "Participation"),
    )  # fmt: skip
    positions: dict = {}
    for (session, text, kind, named, free, theme, priority), en in zip(rows, english, strict=True):
        text_en, free_en, theme_en = en or (None, None, None)
        key = session.id if session else None
        positions[key] = positions.get(key, 0) + 1
        db.session.add(
            Recommendation(
                event_id=conference.id,
                session_id=key,
                position=positions[key],
                text=text,
                addressee_kind=kind,
                addressee_organisation=_named(named) if named else None,
                addressee=free,
                theme=theme,
                priority=Priority(priority),
                text_en=text_en,
                addressee_en=free_en,
                theme_en=theme_en,
            )
        )
    steps = (
        (None, "نشر توصيات عمّان بالعربية والإنجليزية والفرنسية", "الشبكة",
         dt.date(2026, 11, 30), None),
        (None, "إرسال كل توصية إلى الجهة المخاطَبة بها ومتابعة الردود", "الشبكة وأعضاؤها",
         None, "خلال ثلاثة أشهر"),
        (groups[0], "توثيق حالات استخدام برمجيات التجسس في تقرير مشترك", "الفريق العامل الأول",
         dt.date(2027, 3, 31), None),
    )  # fmt: skip
    steps_en = (
        ("Publish the Amman recommendations in Arabic, English and French", "The network", None),
        ("Send each recommendation to its addressee and follow up the responses",
         "The network and its members", "Within three months"),
        ("Document cases of spyware use in a joint report", "Working group 1", None),
    )  # fmt: skip
    for number, (session, what, who, due_date, due_text) in enumerate(steps, 1):
        what_en, who_en, due_text_en = steps_en[number - 1]
        db.session.add(
            NextStep(
                event_id=conference.id,
                session_id=session.id if session else None,
                position=number,
                what=what,
                who=who,
                due_date=due_date,
                due_text=due_text,
                what_en=what_en,
                who_en=who_en,
                due_text_en=due_text_en,
            )
        )


def _event_outcome(conference, staff, owner) -> None:
    data = {
        "summary": (
            "اجتمعت في عمّان وعن بعد نحو ثلاثمئة منظمة، ربعها من خارج القاعة، على مدى يومين. "
            "ناقشت ثلاثة فرق عاملة متوازية المراقبة الرقمية وحماية البيانات وإدارة المحتوى، "
            "ثم عرضت خلاصاتها في جلسة عامة وصاغ المشاركون توصياتهم في حوار تفاعلي."
        ),
        "conclusions": (
            "خلص المؤتمر إلى أن **المعايير الطوعية لا تكفي**، وأن على الدول والبرلمانات "
            "والشركات التزامات محددة، وأن المشاركة عن بعد شرط لمشاركة المدافعين المعرّضين "
            "للخطر، لا بديل ثانوي عنها."
        ),
        "summary_en": (
            "Some three hundred organisations met in Amman and online over two days, a quarter "
            "of them from outside the hall. Three parallel working groups discussed digital "
            "surveillance, data protection and content moderation, then presented their "
            "conclusions in plenary, and participants drafted their recommendations in an "
            "interactive dialogue."
        ),
        "conclusions_en": (
            "The conference concluded that **voluntary standards are not enough**: States, "
            "parliaments and companies bear specific obligations, and remote participation is "
            "a condition for the participation of defenders at risk, not a secondary "
            "alternative to it."
        ),
    }
    ratings = (
        ("met", "فهم مشترك عبر الفرق الثلاثة، موثّق في خلاصاتها."),
        ("met", "مشاركة المؤسسات الوطنية والبرلمانات والنقابات في كل فريق."),
        ("partly", "صيغت التوصيات، وتبقى ردود الجهات المخاطَبة قيد المتابعة."),
        ("met", "اعتُمدت التوصيات ونُشرت."),
        ("partly", "خطة المتابعة قيد الإعداد مع الأعضاء."),
    )
    comments_en = (
        "A shared understanding across the three groups, documented in their conclusions.",
        "National institutions, parliaments and trade unions took part in every group.",
        "The recommendations were drafted; the responses of their addressees are being "
        "followed up.",
        "The recommendations were adopted and published.",
        None,  # not yet translated, on purpose
    )
    for goal, (rating, comment), comment_en in zip(
        conference.goals, ratings, comments_en, strict=False
    ):
        data[f"rating_{goal.id}"], data[f"comment_{goal.id}"] = rating, comment
        data[f"comment_en_{goal.id}"] = comment_en
    day_texts = (
        "افتُتح المؤتمر بجلسة عامة ونقاش عن نماذج أعمال الشركات التقنية، ثم توزع المشاركون على "
        "ثلاثة فرق عاملة؛ امتلأ فريق إدارة المحتوى وانتظر آخرون على قائمته.",
        "عُرضت خلاصات الفرق، وصاغ المشاركون توصياتهم في حوار تفاعلي، واعتُمدت التوصيات في "
        "الجلسة الختامية.",
    )
    day_texts_en = (
        "The conference opened with a plenary and a discussion of the business models of "
        "technology companies; participants then split into three working groups. The content "
        "moderation group was full, with others on its waiting list.",
        "The groups presented their conclusions, participants drafted their recommendations "
        "in an interactive dialogue, and the recommendations were adopted in the closing "
        "plenary.",
    )
    for day, text, text_en in zip(conference.days, day_texts, day_texts_en, strict=True):
        data[f"day_{day.id}"], data[f"day_en_{day.id}"] = text, text_en
    outcome = event_outcomes.save_event_outcome(conference, data, 0, staff)
    outcome.status = OutcomeStatus.APPROVED
    outcome.submitted_at = dt.datetime(2026, 11, 9, 10, 0)
    outcome.approved_at, outcome.approved_by_id = dt.datetime(2026, 11, 11, 8, 30), owner.id
    outcome.published = True
