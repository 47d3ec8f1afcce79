"""Who may register for an event: anyone (the default), members of its organiser in good
standing, members of some of its membership categories, or by invitation only (settings'
`invitation_only`, checked by signup with the invitation); and an optional age range on the
event's first day, for which the form asks the year of birth (and only then).

Open registration costs no query here: the roll is read only when the event limits
registration to members.

Privacy. Whether an address is on an organisation's roll is itself personal data (the roll of
a human-rights organisation is a list of its members). A form that answered "this address is
not on the roll" to whoever typed it would let anyone test addresses against the roll, and
acceptance would confirm membership just as well. So the membership check is answered as the
public form answers an address already registered: the page after the form is the same for
everyone ("check your e-mail"), and the outcome goes to the address itself. A member gets
their confirmation; anyone else gets a message, in the language of the form, saying why they
could not register (`NotOnRoll.reason`). The rule itself is on the form page before anything
is typed (`rules`), so honest visitors know it in advance. Refusals that depend only on what
the visitor typed (their age) are shown on the page, with what they typed kept.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from eventapp.i18n import format_day, localized
from eventapp.members import services as member_services
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import MemberLimit, RegistrationSettings


class NotOnRoll(RegistrationError):
    """The address is not that of a member (of the categories) the event is open to: the view
    answers as for any sign-up and mails `reason` to the address."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _organisation_name(event) -> str:
    organiser = event.organiser
    return localized(organiser, "name") if organiser is not None else ""


def _category_names(event, settings: RegistrationSettings) -> str:
    wanted = set(settings.member_categories or [])
    return "، ".join(
        c.name
        for c in member_services.membership_categories(event.organiser_id)
        if c.code in wanted
    )


def members_rule(event, settings: RegistrationSettings) -> str | None:
    """The membership rule, in the reader's language (None: not limited to members)."""
    limit = settings.member_limit or MemberLimit.NONE
    if limit == MemberLimit.NONE:
        return None
    organisation = _organisation_name(event)
    if limit == MemberLimit.CATEGORIES:
        return _(
            "Registration is open to members of %(organisation)s in the categories: "
            "%(categories)s, in good standing.",
            organisation=organisation,
            categories=_category_names(event, settings),
        )
    return _(
        "Registration is open to members of %(organisation)s in good standing only.",
        organisation=organisation,
    )


def age_rule(event, settings: RegistrationSettings) -> str | None:
    low, high = settings.min_age, settings.max_age
    if low is None and high is None:
        return None
    date = format_day(event.first_day, event, "long")
    if low is not None and high is not None:
        return _(
            "Registration is open to people aged %(low)s to %(high)s on %(date)s.",
            low=low,
            high=high,
            date=date,
        )
    if low is not None:
        return _(
            "Registration is open to people aged %(low)s or more on %(date)s.", low=low, date=date
        )
    return _(
        "Registration is open to people aged %(high)s or less on %(date)s.", high=high, date=date
    )


def rules(event, settings: RegistrationSettings) -> list[str]:
    """What the form page says of who may register, before anything is typed."""
    found = [members_rule(event, settings), age_rule(event, settings)]
    if found[0]:
        found.insert(
            1, _("Register with the e-mail address the organisation has for you on its roll.")
        )
    return [rule for rule in found if rule]


def possible_ages(birth_year: int, on: dt.date) -> tuple[int, int]:
    """From the year of birth alone, a person's age on a day is one of two."""
    return on.year - birth_year - 1, on.year - birth_year


def check(
    event, settings: RegistrationSettings, data: dict, email: str, *, invited: bool = False
) -> None:
    """Raise RegistrationError (age: on the page) or NotOnRoll (membership: by mail) when this
    person may not register. Called under the event's lock, for public sign-ups only; an
    invitation (the organisers chose the person) passes the membership rule, not the age."""
    if settings.asks_birth_year:
        year = data.get("birth_year")
        if year is None:
            raise RegistrationError(_("Give your year of birth."), "birth_year")
        youngest, oldest = possible_ages(int(year), event.first_day)
        # Only the year is asked: whoever may be of the age on that day is let in.
        too_young = settings.min_age is not None and oldest < settings.min_age
        too_old = settings.max_age is not None and youngest > settings.max_age
        if too_young or too_old:
            raise RegistrationError(age_rule(event, settings), "birth_year")
    limit = settings.member_limit or MemberLimit.NONE
    if limit == MemberLimit.NONE or invited:
        return
    member = None
    if event.organiser_id is not None:
        found = member_services.members_by_email(event.organiser_id, [email], event.first_day)
        member = found.get(email.lower())
    if member is not None and limit == MemberLimit.CATEGORIES:
        wanted = set(settings.member_categories or [])
        if member.category is None or member.category.code not in wanted:
            member = None
    if member is None:
        raise NotOnRoll(
            members_rule(event, settings)
            + " "
            + _("This address is not on the roll of members in good standing.")
        )
