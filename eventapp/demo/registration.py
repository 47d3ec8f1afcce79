"""Registrations for the three demo events, each registering in its own way (seeds 000-002).

- London (alqst-london-2017): an open conference with in-person and remote places, a waiting
  list, participants with different consents, some checked in.
- Guatemala (solidarity-system-guatemala-2019): an advisory meeting by invitation; members for
  four days, invited guests for the first three only, two organisations taking part remotely.
- Workshop (nmrf-consultative-workshop): by invitation only, for members of the standing
  committee named by ministries; personal invitations, some not used yet.
The events are in the past, so everyone is registered through the organisers' path.
"""

from __future__ import annotations

from eventapp.demo.builder import organisation
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration import checkin, invitations, services
from eventapp.registration.models import ListVisibility, Mode, ReportNaming
from eventapp.speakers.models import OrganisationKind as K

M, V, N = Mode, ListVisibility, ReportNaming


def _register(
    event,
    email,
    name_ar,
    name_en,
    org,
    category="delegate",
    mode=M.IN_PERSON,
    days=None,
    visibility=V.PARTICIPANTS,
    naming=N.NAME,
    **extra,
):
    data = {
        "email": email,
        "name_ar": name_ar,
        "name_en": name_en,
        "organisation": org,
        "category": category,
        "mode": mode,
        "day_ids": [d.id for d in (days or event.days)],
        "list_visibility": visibility,
        "report_naming": naming,
        "form_of_address": _form(name_ar),
        **extra,
    }
    return services.register(event, data, organiser=True, locale="ar")


WOMEN = {"سارة الحربي", "منيرة الشمري", "صوفي ماران", "دانة أحمد"}
MEN = {"فهد العتيبي", "ماجد الغامدي", "علي الدبيسي", "آدم كوغل"}


def _form(name_ar: str | None) -> FormOfAddress:
    """The form of address the demo's registrants gave (the numbered ones gave none)."""
    name = name_ar or ""
    if name in WOMEN or name.startswith(("ممثلة ", "ضيفة ")):
        return FormOfAddress.FEMININE
    if name in MEN or name.startswith(("ممثل ", "ضيف ", "عضو ")):
        return FormOfAddress.MASCULINE
    return FormOfAddress.UNSPECIFIED


def _london(event):
    services.settings_for(event)
    services.save_settings(
        event,
        {
            "is_open": True,
            "offer_in_person": True,
            "capacity_in_person": 10,
            "offer_remote": True,
            "capacity_remote": 40,
            "waitlist_enabled": True,
        },
        None,
    )
    people = [
        (
            "yahya@alqst.example",
            "يحيى العسيري",
            "Yahya Assiri",
            "القسط",
            "staff",
            M.IN_PERSON,
            V.PUBLIC,
        ),
        (
            "adam@hrw.example",
            "آدم كوغل",
            "Adam Coogle",
            "هيومن رايتس ووتش",
            "expert",
            M.IN_PERSON,
            V.PUBLIC,
        ),
        (
            "dana@amnesty.example",
            "دانة أحمد",
            "Dana Ahmed",
            "منظمة العفو الدولية",
            "expert",
            M.IN_PERSON,
            V.PARTICIPANTS,
        ),
        (
            "ali@esohr.example",
            "علي الدبيسي",
            "Ali Adubisi",
            "المنظمة الأوروبية السعودية لحقوق الإنسان",
            "delegate",
            M.IN_PERSON,
            V.PUBLIC,
        ),
        (
            "press@rsf.example",
            "صوفي ماران",
            "Sophie Marin",
            "مراسلون بلا حدود",
            "media",
            M.IN_PERSON,
            V.PUBLIC,
        ),
        (
            "observer1@example.org",
            "منيرة الشمري",
            None,
            "ناشطة مستقلة",
            "observer",
            M.IN_PERSON,
            V.NOBODY,
        ),
        ("remote1@example.org", "فهد العتيبي", None, None, "observer", M.REMOTE, V.NOBODY),
        (
            "remote2@example.org",
            "سارة الحربي",
            "Sara Alharbi",
            "الكرامة",
            "delegate",
            M.REMOTE,
            V.PARTICIPANTS,
        ),
        ("remote3@example.org", "ماجد الغامدي", None, None, "observer", M.REMOTE, V.NOBODY),
    ]
    registered = []
    for email, ar, en, org, category, mode, visibility in people:
        naming = N.ANONYMOUS if visibility == V.NOBODY else N.NAME
        registered.append(
            _register(
                event, email, ar, en, org, category, mode, visibility=visibility, naming=naming
            )
        )
    # More in-person registrations than places: the last ones wait.
    for n in range(1, 7):
        registered.append(
            _register(
                event,
                f"guest{n}@example.org",
                f"مشارك رقم {n}",
                None,
                "منظمة مجتمع مدني",
                "observer",
                visibility=V.NOBODY,
                accessibility_needs="مدخل خالٍ من الدرج" if n == 2 else None,
            )
        )
    db.session.flush()
    day = event.days[0]
    for registration in registered[:5]:
        checkin.check_in(registration, day)


def _guatemala(event):
    days = event.days
    first_three = [d.id for d in days[:3]]
    services.settings_for(event)
    services.save_settings(
        event,
        {
            "is_open": True,
            "invitation_only": True,
            "offer_in_person": True,
            "offer_remote": True,
            "waitlist_enabled": False,
            "category_days": {"guest": first_three},
        },
        None,
    )
    members = [
        (
            "member@protection.example",
            "ممثلة المؤسسة الدولية",
            "Protection International representative",
            "المؤسسة الدولية لحماية المدافعين عن حقوق الإنسان",
            M.IN_PERSON,
        ),
        ("member@jass.example", "ممثلة أسوشييتس", "JASS representative", "أسوشييتس", M.IN_PERSON),
        (
            "member@prodesc.example",
            "ممثل المشروع الخاص",
            "ProDESC representative",
            "المشروع الخاص بالحقوق الاقتصادية والاجتماعية والثقافية",
            M.IN_PERSON,
        ),
        (
            "member@greenadvocates.example",
            "ممثل الدعاة الخضر",
            "Green Advocates representative",
            "رابطة المحامين عن البيئة في ليبيريا (الدعاة الخضر)",
            M.REMOTE,
        ),
        (
            "member@omct.example",
            "ممثلة المنظمة العالمية",
            "OMCT representative",
            "المنظمة العالمية لمناهضة التعذيب",
            M.REMOTE,
        ),
    ]
    for email, ar, en, org, mode in members:
        _register(event, email, ar, en, org, "delegate", mode)
    guests = [
        (
            "guest@slumdwellers.example",
            "ضيف حركة ساكني الأحياء الفقيرة",
            "Shack dwellers' movement guest",
            "حركة ساكني الأحياء الفقيرة",
        ),
        (
            "guest@aipp.example",
            "ضيفة ميثاق الشعوب الأصلية",
            "AIPP guest",
            "ميثاق الشعوب الأصلية في آسيا",
        ),
        (
            "guest@eipr.example",
            "ضيف المبادرة المصرية",
            "EIPR guest",
            "المبادرة المصرية للحقوق الشخصية",
        ),
    ]
    for email, ar, en, org in guests:
        invitation = invitations.create_invitation(
            event,
            {
                "email": email,
                "name_ar": ar,
                "name_en": en,
                "category": "guest",
                "mode": M.IN_PERSON,
                "day_ids": first_three,
            },
        )
        _register(
            event, email, ar, en, org, "guest", days=days[:3], invitation_code=invitation.code
        )
    db.session.flush()


def _workshop(event):
    services.settings_for(event)
    services.save_settings(
        event,
        {
            "is_open": True,
            "invitation_only": True,
            "requires_approval": False,
            "offer_in_person": True,
            "offer_remote": False,
            "capacity_in_person": 30,
        },
        None,
    )
    ministries = [
        ("وزارة العدل", "Ministry of Justice"),
        ("وزارة الخارجية", "Ministry of Foreign Affairs"),
        (
            "وزارة الموارد البشرية والتنمية الاجتماعية",
            "Ministry of Human Resources and Social Development",
        ),
        ("وزارة التعليم", "Ministry of Education"),
        ("وزارة الصحة", "Ministry of Health"),
        ("وزارة الداخلية", "Ministry of Interior"),
    ]
    for n, (ar, en) in enumerate(ministries, start=1):
        organisation(ar, en, None, K.GOVERNMENT, "المملكة العربية السعودية")
        email = f"committee{n}@ministry.example"
        invitation = invitations.create_invitation(
            event,
            {
                "email": email,
                "category": "delegate",
                "mode": M.IN_PERSON,
                "name_ar": f"عضو اللجنة الدائمة ({ar})",
            },
        )
        if n <= 4:  # two members have not registered yet
            _register(
                event,
                email,
                f"عضو اللجنة الدائمة ({ar})",
                None,
                ar,
                visibility=V.NOBODY,
                naming=N.ORGANISATION,
                invitation_code=invitation.code,
            )
    db.session.flush()


def load(events: dict) -> None:
    _london(events["london"])
    _guatemala(events["guatemala"])
    _workshop(events["workshop"])
    db.session.flush()
