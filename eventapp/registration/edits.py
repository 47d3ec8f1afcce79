"""How the registration screens save an edit form (an organiser's edit of a registration or of
the settings, a participant's change of days and mode): the one place that turns a stale form
or a refusal into messages next to the fields."""

from __future__ import annotations

from collections.abc import Callable

from eventapp import versions
from eventapp.common import attach_error
from eventapp.extensions import db
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import Registration


def changed_or_explained(
    form, row, saved: Callable[[], dict], change: Callable[[int | None], list[Registration]]
) -> list[Registration] | None:
    """`change(seen_version)` (a service that claims the form's version under the event's lock
    and returns the people promoted from the waiting list), or None after rolling back: a form
    saved meanwhile by someone else shows their values (`saved()`: the saved values of fields
    that are not attributes of `row`), a refusal shows next to its field. The caller commits."""
    try:
        return change(versions.loaded(form))
    except versions.EditConflict:
        db.session.rollback()
        versions.explain(form, row, saved())
    except RegistrationError as error:
        db.session.rollback()
        attach_error(form, error)
    return None
