"""Invitation links and codes: for one e-mail or many uses, with presets and an expiry."""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Category, Invitation, Mode
from eventapp.registration.services import RegistrationError, _clean, normalise_email


def invitation_by_code(event: Event, code: str | None) -> Invitation | None:
    code = (code or "").strip()
    if not code:
        return None
    return db.session.scalar(
        select(Invitation).where(Invitation.event_id == event.id, Invitation.code == code)
    )


def invitation_refusal(invitation: Invitation | None, email: str | None = None) -> str | None:
    """Why this invitation cannot be used (now, by this e-mail), or None."""
    if invitation is None:
        return _("This invitation code is not valid for this event.")
    if invitation.revoked:
        return _("This invitation was withdrawn by the organisers.")
    if invitation.is_expired:
        return _("This invitation has expired.")
    if invitation.is_used_up:
        return _("This invitation has already been used.")
    if email and invitation.email and invitation.email != email:
        return _("This invitation is personal: register with the e-mail address it was sent to.")
    return None


def take_invitation(event: Event, code: str | None, email: str) -> Invitation:
    """Use one place of an invitation (called under the event lock); refuse with the reason."""
    if not (code or "").strip():
        raise RegistrationError(
            _("This event is by invitation only. Enter the code of your invitation."),
            "invitation_code",
        )
    invitation = invitation_by_code(event, code)
    if invitation is not None:
        db.session.refresh(invitation)
    refusal = invitation_refusal(invitation, email)
    if refusal:
        raise RegistrationError(refusal, "invitation_code")
    invitation.uses += 1
    return invitation


def create_invitation(event: Event, data: dict) -> Invitation:
    """data: email, name_ar, name_en, label, max_uses, category, mode, day_ids, expires_at."""
    email = normalise_email(data["email"]) if _clean(data.get("email")) else None
    if email:
        clash = db.session.scalar(
            select(func.count())
            .select_from(Invitation)
            .where(Invitation.event_id == event.id, Invitation.email == email)
            .where(Invitation.revoked.is_(False))
        )
        if clash:
            raise RegistrationError(_("An invitation was already made for this e-mail."), "email")
    max_uses = 1 if email else data.get("max_uses")
    if max_uses is not None and max_uses < 1:
        raise RegistrationError(_("An invitation allows at least one registration."), "max_uses")
    event_days = {d.id for d in event.days}
    day_ids = sorted({int(d) for d in data.get("day_ids") or []})
    if any(d not in event_days for d in day_ids):
        raise RegistrationError(_("Choose days of this event only."), "day_ids")
    invitation = Invitation(
        event_id=event.id,
        email=email,
        name_ar=_clean(data.get("name_ar")),
        name_en=_clean(data.get("name_en")),
        label=_clean(data.get("label")),
        max_uses=max_uses,
        category=data.get("category"),
        mode=data.get("mode"),
        day_ids=day_ids if len(day_ids) < len(event_days) else [],
        expires_at=data.get("expires_at"),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def expiry_from_date(value: dt.date | None, event: Event) -> dt.datetime | None:
    """The end of that day in the event's time zone, as naive UTC."""
    if value is None:
        return None
    local = dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), tzinfo=event.zone)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


CSV_COLUMNS = ("email", "name_ar", "name_en", "category", "mode", "days", "expires")
_CATEGORY_WORDS = {
    **{c.value: c for c in Category},
    "مندوب": Category.DELEGATE,
    "خبير": Category.EXPERT,
    "مراقب": Category.OBSERVER,
    "إعلام": Category.MEDIA,
    "فريق العمل": Category.STAFF,
    "ضيف": Category.GUEST,
}
_MODE_WORDS = {
    "in_person": Mode.IN_PERSON,
    "remote": Mode.REMOTE,
    "حضوري": Mode.IN_PERSON,
    "عن بعد": Mode.REMOTE,
    "عن بُعد": Mode.REMOTE,
}


def import_invitations(event: Event, content: bytes) -> tuple[list[Invitation], list[str]]:
    """Personal invitations from a CSV (UTF-8, with or without BOM; comma or semicolon).

    Columns (header row): email, name_ar, name_en, category, mode, days (day numbers such as
    "1 2 3"), expires (YYYY-MM-DD). Only email is required. Every line is checked first; if any
    line is wrong nothing is created and the errors name the lines.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("Save the file as CSV UTF-8 and try again.")]
    first = text.splitlines()[0] if text.strip() else ""
    # Excel in Arabic and European locales writes semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
        return [], [_("The first line must name the columns, including “email”.")]
    errors: list[str] = []
    rows = []
    seen = set()
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        try:
            email = normalise_email(row.get("email", ""))
        except RegistrationError as error:
            errors.append(_("Line %(n)s: %(error)s", n=number, error=error.message))
            continue
        if email in seen:
            errors.append(_("Line %(n)s: this e-mail appears twice.", n=number))
            continue
        seen.add(email)
        category = (
            _CATEGORY_WORDS.get(row.get("category", "").lower()) if row.get("category") else None
        )
        if row.get("category") and category is None:
            errors.append(
                _("Line %(n)s: unknown category “%(value)s”.", n=number, value=row["category"])
            )
            continue
        mode = _MODE_WORDS.get(row.get("mode", "").lower()) if row.get("mode") else None
        if row.get("mode") and mode is None:
            errors.append(
                _("Line %(n)s: unknown attendance “%(value)s”.", n=number, value=row["mode"])
            )
            continue
        day_ids = []
        for part in row.get("days", "").replace(",", " ").split():
            if not part.isdigit() or not 1 <= int(part) <= len(event.days):
                errors.append(
                    _(
                        "Line %(n)s: day “%(value)s” is not a day of this event.",
                        n=number,
                        value=part,
                    )
                )
                break
            day_ids.append(event.days[int(part) - 1].id)
        else:
            expires = None
            if row.get("expires"):
                try:
                    expires = expiry_from_date(dt.date.fromisoformat(row["expires"]), event)
                except ValueError:
                    errors.append(_("Line %(n)s: write the expiry date as YYYY-MM-DD.", n=number))
                    continue
            rows.append(
                (
                    number,
                    {
                        "email": email,
                        "name_ar": row.get("name_ar"),
                        "name_en": row.get("name_en"),
                        "category": category,
                        "mode": mode,
                        "day_ids": day_ids,
                        "expires_at": expires,
                    },
                )
            )
    created = []
    if not errors:
        for number, data in rows:
            try:
                with db.session.begin_nested():
                    created.append(create_invitation(event, data))
            except RegistrationError as error:
                errors.append(_("Line %(n)s: %(error)s", n=number, error=error.message))
    if errors:
        return [], errors
    return created, []


def invitations_of(event: Event) -> list[Invitation]:
    return db.session.scalars(
        select(Invitation)
        .where(Invitation.event_id == event.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()


def revoke(invitation: Invitation) -> None:
    invitation.revoked = True
