"""Who may use each route: one rule per endpoint (and method) of the URL map.

The views enforce these with the helpers of `eventapp.auth.permissions`; this table says what
they must enforce, and tests/auth/test_access_matrix.py tries every route as every kind of
user against it. A route without a rule here fails that test: adding a route means adding its
line (e.g. `"auth.reset_password": PUBLIC,`).

A value is a rule, or a dict by method ("GET", "POST") or by URL rule ("/manage/...") when one
endpoint has several.
"""

from __future__ import annotations

import enum


class Rule(enum.Enum):
    PUBLIC = "anyone"
    STATIC = "anyone: static files"
    PUBLISHED_EVENT = "anyone, for a published event; 404 for a draft unless its organisers"
    PERSONAL_LINK = "whoever holds the participant's personal link (token); 404 otherwise"
    PARTICIPANT = "a confirmed participant of the event (personal link, or a role in it); 403"
    SIGNED_IN = "any signed-in account"
    SESSION_RUN = "the session's facilitators, the event's organisers, admins"
    SESSION_REPORT = "SESSION_RUN and the session's rapporteurs"
    EVENT_SESSION_STAFF = "organisers, and facilitators/rapporteurs of a session of the event"
    EVENT_ORGANISER = "the event's organisers and admins"
    REPORT_JOB = "the event's organisers; its session's report writers; anyone once published"
    DIRECTORY = "admins and organisers of any event: search (names only) and add entries"
    DIRECTORY_EDIT = "admins, the entry's creator, organisers of its events the creator shares"
    ORGANISATION_STAFF = "the organisation's owners and staff, admins; its viewers read (GET)"
    ORGANISATION_OWNER = "the organisation's owners and admins"
    PUBLIC_ORGANISATION = "anyone, for an organiser organisation; 404 otherwise"
    ADMIN = "administrators"
    EVENT_ORGANISATION_STAFF = (
        "the event's organisers who are staff of its organising organisation (viewers read), admins"
    )


PUBLIC = Rule.PUBLIC
STATIC = Rule.STATIC
PUBLISHED_EVENT = Rule.PUBLISHED_EVENT
PERSONAL_LINK = Rule.PERSONAL_LINK
PARTICIPANT = Rule.PARTICIPANT
SIGNED_IN = Rule.SIGNED_IN
SESSION_RUN = Rule.SESSION_RUN
SESSION_REPORT = Rule.SESSION_REPORT
EVENT_SESSION_STAFF = Rule.EVENT_SESSION_STAFF
EVENT_ORGANISER = Rule.EVENT_ORGANISER
REPORT_JOB = Rule.REPORT_JOB
DIRECTORY = Rule.DIRECTORY
DIRECTORY_EDIT = Rule.DIRECTORY_EDIT
ORGANISATION_STAFF = Rule.ORGANISATION_STAFF
ORGANISATION_OWNER = Rule.ORGANISATION_OWNER
PUBLIC_ORGANISATION = Rule.PUBLIC_ORGANISATION
ADMIN = Rule.ADMIN
EVENT_ORGANISATION_STAFF = Rule.EVENT_ORGANISATION_STAFF

ACCESS_RULES: dict[str, Rule | dict[str, Rule]] = {
    "static": STATIC,
    # main, auth
    "main.healthz": PUBLIC,
    "main.home": PUBLIC,
    "main.set_language": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.users": ADMIN,
    "auth.set_user_active": ADMIN,
    "auth.change_password": SIGNED_IN,
    "auth.forgot_password": PUBLIC,
    "auth.reset_password": PUBLIC,  # the signed token in the URL decides; a bad one is refused
    "audit.all_entries": ADMIN,
    # an organisation's roll of members and its categories
    "members.roll": ORGANISATION_STAFF,
    "members.add_member": ORGANISATION_STAFF,
    "members.edit_member": ORGANISATION_STAFF,
    "members.remove_member": ORGANISATION_STAFF,
    "members.export_roll": ORGANISATION_STAFF,
    "members.import_roll": ORGANISATION_STAFF,
    "members.categories_page": ORGANISATION_STAFF,
    "members.start_from_defaults": ORGANISATION_STAFF,
    "members.edit_category": ORGANISATION_STAFF,
    "members.delete_category": ORGANISATION_STAFF,
    # the public side of an event
    "events.public_event": PUBLISHED_EVENT,
    "events.series_page": PUBLIC,  # lists the editions the public may see
    "agendas.agenda": PUBLISHED_EVENT,
    "agendas.agenda_pdf": PUBLISHED_EVENT,
    "agendas.event_ics": PUBLISHED_EVENT,
    "agendas.organisations": PUBLISHED_EVENT,
    "agendas.session_ics": PUBLISHED_EVENT,
    "agendas.speaker": PUBLISHED_EVENT,
    "agendas.speakers": PUBLISHED_EVENT,
    "api.events": PUBLIC,
    "api.openapi": PUBLIC,
    "api.event": PUBLISHED_EVENT,
    "api.days": PUBLISHED_EVENT,
    "api.rooms": PUBLISHED_EVENT,
    "api.sessions": PUBLISHED_EVENT,
    "api.session": PUBLISHED_EVENT,
    "api.speakers": PUBLISHED_EVENT,
    "api.speaker": PUBLISHED_EVENT,
    "api.organisations": PUBLISHED_EVENT,
    "interventions.session_page": PUBLISHED_EVENT,
    "interventions.live_page": PUBLISHED_EVENT,
    "interventions.live_poll": PUBLISHED_EVENT,
    "interventions.request_to_speak": PARTICIPANT,
    "interventions.withdraw": PARTICIPANT,
    "interventions.own_statement": PARTICIPANT,
    "outcomes.public_summary": PUBLISHED_EVENT,
    "outcomes.public_follow_up": PUBLIC_ORGANISATION,
    "registration.register": PUBLISHED_EVENT,
    "registration.sent": PUBLISHED_EVENT,
    "registration.invitation": PUBLISHED_EVENT,
    "registration.resend": PUBLISHED_EVENT,
    "registration.participants": PUBLISHED_EVENT,
    "registration.checkin_short": PUBLIC,  # only redirects to the organisers' check-in page
    "organisers.public_page": PUBLIC_ORGANISATION,
    "organisers.logo": PUBLIC_ORGANISATION,
    # the participant's personal link
    "agendas.personal_agenda": PERSONAL_LINK,
    "agendas.personal_ics": PERSONAL_LINK,
    "agendas.star": PERSONAL_LINK,
    "registration.personal": PERSONAL_LINK,
    "registration.change": PERSONAL_LINK,
    "registration.cancel": PERSONAL_LINK,
    "registration.erase": PERSONAL_LINK,
    "registration.my_data": PERSONAL_LINK,
    "registration.ics": PERSONAL_LINK,
    "registration.joined": PERSONAL_LINK,
    "registration.participants_for_participant": PERSONAL_LINK,
    # staff
    "events.my_events": SIGNED_IN,
    "events.new_event": SIGNED_IN,
    "organisers.new_organiser": SIGNED_IN,
    "organisers.dashboard": ORGANISATION_STAFF,
    "organisers.edit": ORGANISATION_STAFF,
    "organisers.staff_page": ORGANISATION_OWNER,
    "organisers.change_staff_role": ORGANISATION_OWNER,
    "organisers.remove_staff": ORGANISATION_OWNER,
    "events.dashboard": EVENT_ORGANISER,
    "events.send_mail_again": EVENT_ORGANISER,
    "events.edit_event": EVENT_ORGANISER,
    "events.set_status": EVENT_ORGANISER,
    "events.edit_day": EVENT_ORGANISER,
    "events.goals": EVENT_ORGANISER,
    "events.edit_goal": EVENT_ORGANISER,
    "events.change_goal": EVENT_ORGANISER,
    "events.partners": EVENT_ORGANISER,
    "events.change_partner": EVENT_ORGANISER,
    "events.team": EVENT_ORGANISER,
    "events.remove_role": EVENT_ORGANISER,
    "events.add_day": EVENT_ORGANISER,
    "events.remove_day": EVENT_ORGANISER,
    "events.new_edition": EVENT_ORGANISER,
    "events.edition_copied": EVENT_ORGANISER,
    # an organiser organisation's series
    "events.series_list": ORGANISATION_STAFF,
    "events.new_series": ORGANISATION_STAFF,
    "events.edit_series": ORGANISATION_STAFF,
    "audit.event_trail": EVENT_ORGANISER,
    "agendas.conflicts": EVENT_ORGANISER,
    "sessions.rooms_and_days": EVENT_ORGANISER,
    "sessions.edit_room": EVENT_ORGANISER,
    "sessions.delete_room": EVENT_ORGANISER,
    "sessions.timetable": EVENT_ORGANISER,
    "sessions.new_session": EVENT_ORGANISER,
    "sessions.edit_session": EVENT_ORGANISER,
    "sessions.move_session": EVENT_ORGANISER,
    "sessions.delete_session": EVENT_ORGANISER,
    "sessions.session_people": EVENT_ORGANISER,
    "sessions.change_session_person": EVENT_ORGANISER,
    "interventions.console": SESSION_RUN,
    "interventions.console_action": SESSION_RUN,
    "interventions.add": SESSION_RUN,
    "interventions.edit": SESSION_REPORT,
    "interventions.report": SESSION_REPORT,
    "interventions.overview": EVENT_ORGANISER,
    "outcomes.overview": EVENT_SESSION_STAFF,
    "outcomes.session_outcome": SESSION_REPORT,
    "outcomes.outcome_status": SESSION_REPORT,  # approving and returning: organisers only
    "outcomes.session_revisions": SESSION_REPORT,
    "outcomes.add_session_recommendation": SESSION_REPORT,
    "outcomes.add_session_step": SESSION_REPORT,
    "outcomes.session_report": SESSION_REPORT,
    # an item of a session's outcome: SESSION_REPORT; of the event's: EVENT_ORGANISER
    "outcomes.edit_recommendation": SESSION_REPORT,
    "outcomes.change_recommendation": SESSION_REPORT,
    "outcomes.edit_step": SESSION_REPORT,
    "outcomes.change_step": SESSION_REPORT,
    "outcomes.event_outcome": EVENT_ORGANISER,
    "outcomes.assembly_settings": EVENT_ORGANISER,
    "outcomes.session_vote": SESSION_REPORT,
    "outcomes.add_event_recommendation": EVENT_ORGANISER,
    "outcomes.add_event_step": EVENT_ORGANISER,
    "outcomes.publish_outcome": EVENT_ORGANISER,
    "outcomes.event_outcome_status": EVENT_ORGANISER,
    "outcomes.event_revisions": EVENT_ORGANISER,
    "outcomes.follow_up": EVENT_ORGANISER,
    "outcomes.translations": EVENT_ORGANISER,
    "outcomes.export_follow_up": EVENT_ORGANISER,
    "outcomes.recommendation": EVENT_ORGANISER,
    "outcomes.add_note": EVENT_ORGANISER,
    "outcomes.delete_note": EVENT_ORGANISER,
    "outcomes.set_public": EVENT_ORGANISER,
    "outcomes.take_up": EVENT_ORGANISATION_STAFF,
    # the organisation's programme
    "outcomes.programme_tracker": ORGANISATION_STAFF,
    "outcomes.export_programme": ORGANISATION_STAFF,
    "outcomes.request_summary": EVENT_ORGANISER,
    "outcomes.job_page": REPORT_JOB,
    "outcomes.job_status": REPORT_JOB,
    "outcomes.job_download": REPORT_JOB,
    "registration.manage": EVENT_ORGANISER,
    "registration.bulk": EVENT_ORGANISER,
    "registration.export": EVENT_ORGANISER,
    "registration.statistics": EVENT_ORGANISER,
    "registration.add": EVENT_ORGANISER,
    "registration.edit": EVENT_ORGANISER,
    "registration.resend_link": EVENT_ORGANISER,
    "registration.settings": EVENT_ORGANISER,
    "registration.add_question": EVENT_ORGANISER,
    "registration.delete_question": EVENT_ORGANISER,
    "registration.invitations": EVENT_ORGANISER,
    "registration.import_invitations": EVENT_ORGANISER,
    "registration.import_page": EVENT_ORGANISER,
    "registration.import_status": EVENT_ORGANISER,
    "registration.revoke_invitation": EVENT_ORGANISER,
    "registration.invitation_links": EVENT_ORGANISER,
    "registration.checkin_page": EVENT_ORGANISER,
    "registration.checkin_scan": EVENT_ORGANISER,
    "registration.checkin_do": EVENT_ORGANISER,
    "registration.session_door_page": EVENT_ORGANISER,
    "registration.session_door_admit": EVENT_ORGANISER,
    "registration.manage_session_signup": EVENT_ORGANISER,
    "registration.personal_session": PERSONAL_LINK,
    "registration.documents": EVENT_ORGANISER,
    "registration.badges": EVENT_ORGANISER,
    "registration.certificates": EVENT_ORGANISER,
    "registration.certificate_settings": EVENT_ORGANISER,
    "registration.my_certificate": PERSONAL_LINK,
    # Anyone shown a certificate checks it by its unguessable code (rate-limited).
    "registration.verify": PUBLIC,
    # the shared directory
    "speakers.people": DIRECTORY,
    "speakers.organisations": DIRECTORY,
    "speakers.edit_person": {
        "/manage/directory/people/new": DIRECTORY,
        "/manage/directory/people/<int:person_id>": DIRECTORY_EDIT,
    },
    "speakers.edit_organisation": {
        "/manage/directory/organisations/new": DIRECTORY,
        "/manage/directory/organisations/<int:organisation_id>": DIRECTORY_EDIT,
    },
}


def rule_for(endpoint: str, url_rule: str, method: str) -> Rule | None:
    """The declared rule of one route and method, or None when nobody declared it."""
    rule = ACCESS_RULES.get(endpoint)
    if isinstance(rule, dict):
        return rule.get(url_rule) or rule.get(method)
    return rule
