"""Registration's rules as one import for its views, the CLI, the demo data, the benchmarks and
the tests: a façade, nothing more.

The rules live in the module of their aggregate, and the rules' modules import one another
directly (never this one):
  checks          RegistrationError, AlreadyRegistered, normalise_email
  settings        the settings, the lock, the window, the days a category may attend, questions
  capacity        places in use and the waiting list
  organisations   a typed organisation matched against the directory
  signup          register
  changes         change_registration, cancel_registration, bulk_action, save_settings
  links           the personal link; a participant found by link or e-mail
  figures         attendance, statistics and lists
Other capabilities never import registration: they ask through eventapp.signals (answers.py).
"""

from __future__ import annotations

from eventapp.registration.changes import (
    bulk_action,
    cancel_registration,
    change_registration,
    save_settings,
)
from eventapp.registration.checks import AlreadyRegistered, RegistrationError, normalise_email
from eventapp.registration.figures import (
    attendance_by_day,
    attendance_by_session,
    report_organisations,
    statistics,
)
from eventapp.registration.links import (
    confirmed_registration,
    joins_remotely,
    make_token,
    personal_url,
    read_token,
    registration_by_email,
    registration_for_token,
)
from eventapp.registration.settings import (
    allowed_days,
    event_for_registration,
    existing_settings,
    questions_for,
    settings_for,
    window_refusal,
)
from eventapp.registration.signup import register

__all__ = [
    "AlreadyRegistered",
    "RegistrationError",
    "allowed_days",
    "attendance_by_day",
    "attendance_by_session",
    "bulk_action",
    "cancel_registration",
    "change_registration",
    "confirmed_registration",
    "event_for_registration",
    "existing_settings",
    "joins_remotely",
    "make_token",
    "normalise_email",
    "personal_url",
    "questions_for",
    "read_token",
    "register",
    "registration_by_email",
    "registration_for_token",
    "report_organisations",
    "save_settings",
    "settings_for",
    "statistics",
    "window_refusal",
]
