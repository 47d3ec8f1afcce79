"""The one place where permissions are decided. Views call these; templates only ask them.

The helpers sit below the events and sessions and may not import them: what they need to know
of events (load an event or a session by id, who takes part in and organises which events)
they ask, and eventapp/events/answers.py answers, registered by create_app (as Flask-Login's
user_loader is). A question nobody answers raises NoAnswer: it never allows or refuses in
silence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, has_request_context, request
from flask_login import current_user
from sqlalchemy import select

from eventapp.auth.models import EventRole, EventRoleKind, OrganisationRoleKind, OrganisationStaff
from eventapp.extensions import db, login_manager

MANAGE = "manage"  # everything in the event: organisers (and admins)
RUN = "run"  # run a session: its facilitators, and organisers
REPORT = "report"  # write a session's outcome: its rapporteurs and facilitators, and organisers
OWN = "own"  # an organiser organisation's staff list: its owners (and admins)

# The questions asked of the events layer, and what an answer takes and returns.
EVENT = "the event of this id"  # (event_id) -> Event | None
SESSION = "the session of this id"  # (session_id) -> EventSession | None
EVENTS_OF_PEOPLE = "where people take part"  # (person ids) -> {person id: {event id}}
EVENTS_OF_ORGANISATIONS = "where organisations take part"  # (ids) -> {org. id: {event id}}
ORGANISERS_OF = "who organises events"  # (event ids) -> {event id: {user id}}
ORGANISATION = "the organiser organisation of this slug"  # (slug) -> Organisation | None

# What a staff role of an organiser organisation allows over the organisation and its events.
_ORGANISATION_MANAGERS = {OrganisationRoleKind.OWNER, OrganisationRoleKind.STAFF}
READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}

_answers: dict[str, Callable] = {}


class NoAnswer(LookupError):
    """A permission helper asked a question that nobody registered an answer to."""


def answer(question: str, function: Callable) -> None:
    """From now on `function` answers `question` (one of the questions above)."""
    _answers[question] = function


def _ask(question: str, *args):
    if question not in _answers:
        raise NoAnswer(f"nobody answers {question!r}: create_app registers events.answers")
    return _answers[question](*args)


def _roles(user) -> list[EventRole]:
    """The user's event roles, read once per request (never kept beyond it)."""
    if not has_request_context():
        return db.session.scalars(select(EventRole).where(EventRole.user_id == user.id)).all()
    cache = request.__dict__.setdefault("_multaqa_event_roles", {})
    if user.id not in cache:
        cache[user.id] = db.session.scalars(
            select(EventRole).where(EventRole.user_id == user.id)
        ).all()
    return cache[user.id]


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def organisation_roles(user) -> dict[int, OrganisationRoleKind]:
    """{organisation id: the user's staff role in it}, read once per request."""
    if not _signed_in(user):
        return {}

    def read():
        rows = db.session.execute(
            select(OrganisationStaff.organisation_id, OrganisationStaff.role).where(
                OrganisationStaff.user_id == user.id
            )
        )
        return dict(rows.all())

    if not has_request_context():
        return read()
    cache = request.__dict__.setdefault("_multaqa_organisation_roles", {})
    if user.id not in cache:
        cache[user.id] = read()
    return cache[user.id]


def can_manage_organisation(user, organisation) -> bool:
    """Create the organisation's events, organise all of them, edit its page, series, members
    and programme: its owners and staff, and admins."""
    if not _signed_in(user):
        return False
    return user.is_admin or organisation_roles(user).get(organisation.id) in _ORGANISATION_MANAGERS


def can_read_organisation(user, organisation) -> bool:
    """Read everything of the organisation and its events: any of its staff (viewers too)."""
    if not _signed_in(user):
        return False
    return user.is_admin or organisation.id in organisation_roles(user)


def can_own_organisation(user, organisation) -> bool:
    """Add and remove the organisation's staff: its owners, and admins."""
    if not _signed_in(user):
        return False
    return user.is_admin or organisation_roles(user).get(organisation.id) == (
        OrganisationRoleKind.OWNER
    )


def can_manage_event(user, event) -> bool:
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    if event.organiser_id is not None and (
        organisation_roles(user).get(event.organiser_id) in _ORGANISATION_MANAGERS
    ):
        return True
    return any(r.event_id == event.id and r.role == EventRoleKind.ORGANISER for r in _roles(user))


def can_read_event(user, event) -> bool:
    """See every organiser screen of the event without changing anything: its organisers,
    and the viewers of its organisation."""
    if can_manage_event(user, event):
        return True
    return (
        _signed_in(user)
        and event.organiser_id is not None
        and event.organiser_id in organisation_roles(user)
    )


def _reading() -> bool:
    return has_request_context() and request.method in READ_ONLY_METHODS


def can_act_on_session(user, session, action: str = RUN) -> bool:
    if can_manage_event(user, session.event):
        return True
    if _reading() and can_read_event(user, session.event):
        return True  # a viewer of the organisation: reads, never changes
    if not _signed_in(user) or action == MANAGE:
        return False
    allowed = {EventRoleKind.FACILITATOR}
    if action == REPORT:
        allowed.add(EventRoleKind.RAPPORTEUR)
    return any(r.session_id == session.id and r.role in allowed for r in _roles(user))


def can_see_video_links(user, event) -> bool:
    """The rooms' video links are for the event's staff: its organisers (and administrators),
    facilitators and rapporteurs. The public never sees them (see may_join_remotely)."""
    if not _signed_in(user):
        return False
    return user.is_admin or any(r.event_id == event.id for r in _roles(user))


def may_join_remotely(event, *, remote: bool, confirmed: bool) -> bool:
    """Whether a registered participant receives the event's video links: once their place is
    confirmed, when they attend remotely, or when the whole event is online. Those in the room
    do not need them; people waiting, awaiting approval, refused or cancelled do not get them."""
    if not confirmed:
        return False
    return remote or event.attendance_mode.value == "online"


def can_use_directory(user) -> bool:
    """Search the shared people and organisations directories (names and organisations only,
    to add existing entries to one's own sessions and partners) and add new entries: admins and
    organisers. Private fields and edits of an entry are decided by `can_edit_person` and
    `can_edit_organisation`."""
    if not _signed_in(user):
        return False
    if user.is_admin or any(r.role == EventRoleKind.ORGANISER for r in _roles(user)):
        return True
    # the owners and staff of an organiser organisation organise its events
    return any(role in _ORGANISATION_MANAGERS for role in organisation_roles(user).values())


def _editable_entries(user, entries, taking_part_question: str) -> set[int]:
    """Ids of the directory entries `user` may edit and read in full.

    An entry belongs to administrators, to the account that added it, and to the organisers of
    the events where it takes part that its creator organises too. Placing an existing entry in
    one's own session therefore gives no right over it: creating an event gives no rights over
    anyone else's people."""
    if not _signed_in(user):
        return set()
    entries = list(entries)
    if user.is_admin:
        return {e.id for e in entries}
    mine = {e.id for e in entries if e.created_by_id == user.id}
    organised = {r.event_id for r in _roles(user) if r.role == EventRoleKind.ORGANISER}
    others = [e for e in entries if e.id not in mine and e.created_by_id is not None]
    if not organised or not others:
        return mine
    taking_part = _ask(taking_part_question, [e.id for e in others])
    shared = {e.id: taking_part[e.id] & organised for e in others}
    teams = _ask(ORGANISERS_OF, set().union(*shared.values()))
    return mine | {e.id for e in others if any(e.created_by_id in teams[ev] for ev in shared[e.id])}


def editable_people(user, people) -> set[int]:
    return _editable_entries(user, people, EVENTS_OF_PEOPLE)


def editable_organisations(user, organisations) -> set[int]:
    return _editable_entries(user, organisations, EVENTS_OF_ORGANISATIONS)


def can_edit_person(user, person) -> bool:
    """Edit a person of the directory and read their private fields (e-mail)."""
    return person.id in editable_people(user, [person])


def can_edit_organisation(user, organisation) -> bool:
    return organisation.id in editable_organisations(user, [organisation])


def can_create_event(user) -> bool:
    """Accounts are made by an administrator for staff, so every account may start an event."""
    return _signed_in(user)


def ensure(allowed: bool) -> None:
    """Anonymous users are sent to log in; signed-in users without the right get 403."""
    if not _signed_in(current_user):
        abort(login_manager.unauthorized())
    if not allowed:
        abort(403)


def is_participant(participant) -> bool:
    return participant is not None


def ensure_participant(participant) -> None:
    """Participant actions (ask to intervene, withdraw, write one's statement) need a confirmed
    participant of the event (personal link, or an account with a role in it): 403 otherwise.
    Participants have no accounts, so there is no sign-in page to send them to."""
    if not is_participant(participant):
        abort(403)


def organiser_required(view):
    """View decorator: loads `event_id` into `event`; only its organisers (and admins) pass."""

    @wraps(view)
    def wrapper(*args, event_id: int, **kwargs):
        if not _signed_in(current_user):
            abort(login_manager.unauthorized())
        event = _ask(EVENT, event_id) or abort(404)
        if _reading():
            ensure(can_read_event(current_user, event))
        else:
            ensure(can_manage_event(current_user, event))
        return view(*args, event=event, **kwargs)

    return wrapper


def session_permission(action: str = RUN):
    """View decorator: loads `session_id` into `session` and checks the current user's right."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, session_id: int, **kwargs):
            if not _signed_in(current_user):
                abort(login_manager.unauthorized())
            session = _ask(SESSION, session_id) or abort(404)
            ensure(can_act_on_session(current_user, session, action))
            return view(*args, session=session, **kwargs)

        return wrapper

    return decorator


def organisation_permission(level: str = MANAGE):
    """View decorator: loads the organiser organisation of `slug` into `organisation` (404 if
    none) and checks the current user's right: MANAGE (owners and staff; viewers may read),
    OWN (owners). Admins pass."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, slug: str, **kwargs):
            if not _signed_in(current_user):
                abort(login_manager.unauthorized())
            organisation = _ask(ORGANISATION, slug) or abort(404)
            if level == OWN:
                ensure(can_own_organisation(current_user, organisation))
            elif _reading():
                ensure(can_read_organisation(current_user, organisation))
            else:
                ensure(can_manage_organisation(current_user, organisation))
            return view(*args, organisation=organisation, **kwargs)

        return wrapper

    return decorator


def directory_permission(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(can_use_directory(current_user))
        return view(*args, **kwargs)

    return wrapper


def account_required(view):
    """Any signed-in account (its own settings, e.g. its password); anonymous users log in."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(_signed_in(current_user))
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(_signed_in(current_user) and current_user.is_admin)
        return view(*args, **kwargs)

    return wrapper


def permissions_for_templates() -> dict:
    return {
        "can_manage_event": lambda event: can_manage_event(current_user, event),
        "can_read_event": lambda event: can_read_event(current_user, event),
        "can_manage_organisation": lambda o: can_manage_organisation(current_user, o),
        "can_own_organisation": lambda o: can_own_organisation(current_user, o),
        "can_act_on_session": lambda s, action=RUN: can_act_on_session(current_user, s, action),
        "can_use_directory": lambda: can_use_directory(current_user),
        "can_see_video_links": lambda event: can_see_video_links(current_user, event),
    }
