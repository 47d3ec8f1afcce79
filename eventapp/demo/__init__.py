"""Demo data: the three events of ../shared/seeds/, in Arabic with English where natural.

`load_demo()` builds them through the same services the screens use, so the demo obeys every
rule of the product. Capabilities that add to the demo (interventions, registrations, outcomes)
add their module, with its `load(events)` function, to EXTENSIONS.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from eventapp.auth.models import EventRoleKind
from eventapp.auth.services import create_user, find_user, grant_role
from eventapp.demo import (
    guatemala,
    hybrid,
    interventions,
    london,
    organisers,
    outcomes,
    programme,
    registration,
    workshop,
)
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.speakers.models import Organisation, Person

DEMO_PASSWORD = "multaqa-demo"
DEMO_ACCOUNTS = {
    "password": DEMO_PASSWORD,
    "accounts": [
        ("admin@demo.multaqa.org", "administrator"),
        ("organiser@demo.multaqa.org", "organiser of the three demo events"),
        (
            "facilitator@demo.multaqa.org",
            "facilitator: London third session, workshop, the Amman working groups",
        ),
        ("rapporteur@demo.multaqa.org", "rapporteur of the same sessions"),
        *organisers.accounts(),
    ],
}

# Modules with a `load(events: dict[str, Event])` that add their part of the demo.
EXTENSIONS = (interventions, registration, outcomes, programme, hybrid)


def database_has_events() -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(Event)))


def _account(email: str, name: str, *, is_admin: bool = False):
    return find_user(email) or create_user(email, name, DEMO_PASSWORD, is_admin=is_admin)


def load_demo() -> dict[str, Event]:
    _account("admin@demo.multaqa.org", "مدير النظام", is_admin=True)
    organiser = _account("organiser@demo.multaqa.org", "سارة المنظِّمة")
    facilitator = _account("facilitator@demo.multaqa.org", "ديمة الميسِّرة")
    rapporteur = _account("rapporteur@demo.multaqa.org", "خالد المقرِّر")

    events = {}
    for module in (london, guatemala, workshop):
        event = module.build(organiser)
        events[module.KEY] = event
        for session in module.facilitated_sessions(event):
            grant_role(facilitator, event, EventRoleKind.FACILITATOR, session)
            grant_role(rapporteur, event, EventRoleKind.RAPPORTEUR, session)
    organisers.load(events, _account)  # before the others: events have their organisers
    for extension in EXTENSIONS:
        extension.load(events)
    _directory_entries_of(organiser)
    db.session.commit()
    return events


def _directory_entries_of(organiser) -> None:
    """The demo's people and organisations were added by its organiser (who may edit them)."""
    for model in (Person, Organisation):
        db.session.execute(
            update(model).where(model.created_by_id.is_(None)).values(created_by_id=organiser.id)
        )
