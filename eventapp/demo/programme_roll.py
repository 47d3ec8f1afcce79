"""The members of the Human Rights Commission's demo programme (eventapp.demo.programme): its
membership categories, a roll of twelve fictional people and its own participant categories,
all made through the members' services, as the roll's screens make them.

Every name here is invented; the addresses are @example.org.
"""

from __future__ import annotations

import datetime as dt

from eventapp.members import categories as category_services
from eventapp.members import services as member_services
from eventapp.people import parse_form

# (code, Arabic name, English name, votes towards the quorum)
MEMBERSHIP = (
    ("full", "عضو عامل", "Full member", True),
    ("associate", "عضو منتسب", "Associate member", False),
)

# (Arabic name, English name, e-mail, membership category code, form of address: "f", "m",
# or "" when the person gave none)
PEOPLE = (
    ("ليلى الحربي", "Layla Al-Harbi", "layla.harbi@example.org", "full", "f"),
    ("سلمان القحطاني", "Salman Al-Qahtani", "salman.qahtani@example.org", "full", "m"),
    ("نورة الدوسري", "Noura Al-Dosari", "noura.dosari@example.org", "full", "f"),
    ("عبد الرحمن الشهري", "Abdulrahman Al-Shehri", "a.shehri@example.org", "full", "m"),
    ("هند العمري", "Hind Al-Omari", "hind.omari@example.org", "full", "f"),
    ("ماجد الزهراني", "Majed Al-Zahrani", "majed.zahrani@example.org", "full", "m"),
    ("ريم المطيري", "Reem Al-Mutairi", "reem.mutairi@example.org", "full", "f"),
    ("تركي السبيعي", "Turki Al-Subaie", "turki.subaie@example.org", "full", "m"),
    ("أمل الغامدي", "Amal Al-Ghamdi", "amal.ghamdi@example.org", "full", "f"),
    ("سارة ويتفيلد", "Sarah Whitfield", "sarah.whitfield@example.org", "associate", "f"),
    ("يوسف البلوي", "Yousef Al-Balawi", "yousef.balawi@example.org", "associate", "m"),
    ("جود العنزي", "Joud Al-Anazi", "joud.anazi@example.org", "associate", ""),
)

TRAINEE = {
    "code": "trainee",
    "label_ar_f": "متدرّبة",
    "label_ar_m": "متدرّب",
    "label_ar_n": "تدريب",
    "label_en": "Trainee",
    "colour": "#1f4e9c",
    "position": 10,
}
YOUTH = {
    "code": "youth",
    "label_ar_f": "مشاركة شابة",
    "label_ar_m": "مشارك شاب",
    "label_ar_n": "شباب",
    "label_en": "Young participant",
    "colour": "#9a7b00",
    "position": 11,
}


def build(organisation, staff, today: dt.date) -> list:
    """The categories and the roll; returns the members in the order of PEOPLE."""
    codes = {}
    for position, (code, name_ar, name_en, votes) in enumerate(MEMBERSHIP):
        row = category_services.save_membership_category(
            organisation.id,
            None,
            {
                "code": code,
                "name_ar": name_ar,
                "name_en": name_en,
                "votes": votes,
                "position": position,
            },
        )
        codes[code] = row.id
    category_services.start_from_defaults(organisation.id)
    for data in (TRAINEE, YOUTH):
        category_services.save_participant_category(organisation.id, None, dict(data))
    members = []
    for n, (name_ar, name_en, email, code, form) in enumerate(PEOPLE):
        members.append(
            member_services.add_member(
                organisation.id,
                {
                    "name_ar": name_ar,
                    "name_en": name_en,
                    "email": email,
                    "form_of_address": parse_form(form),
                    "category_id": codes[code],
                    "since": dt.date(today.year - 3 + n % 3, 1 + n % 12, 1),
                },
                created_by=staff,
            )
        )
    return members
