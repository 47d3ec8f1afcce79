"""Invitation links and codes: for one e-mail or many uses, with presets and an expiry."""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, insert, select

from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.inputs import without_control_characters
from eventapp.members.participants import event_categories
from eventapp.people import form_of, parse_form
from eventapp.registration.checks import RegistrationError, clean_text, normalise_email
from eventapp.registration.models import Invitation, Mode
from eventapp.registration.settings import lock_event


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
    """data: email, name_ar, name_en, form_of_address (FormOfAddress, optional), label,
    max_uses, category, mode, day_ids, expires_at."""
    email = normalise_email(data["email"]) if clean_text(data.get("email")) else None
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
        name_ar=clean_text(data.get("name_ar")),
        name_en=clean_text(data.get("name_en")),
        form_of_address=form_of(data.get("form_of_address")),
        label=clean_text(data.get("label")),
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


CSV_COLUMNS = (
    "email",
    "name_ar",
    "name_en",
    "form_of_address",
    "category",
    "mode",
    "days",
    "expires",
)


def category_words(event) -> dict[str, str]:
    """What a file may write for each of the event's categories: its code or one of its
    labels (Arabic in either form, English), any case -> the code."""
    words = {"إعلام": "media", "فريق العمل": "staff"}  # as the files of old wrote them
    for c in event_categories(event):
        for word in (c.code, c.label_ar_m, c.label_ar_f, c.label_ar_n, c.label_en):
            if word:
                words[word.strip().lower()] = c.code
    return words


_MODE_WORDS = {
    "in_person": Mode.IN_PERSON,
    "remote": Mode.REMOTE,
    "حضوري": Mode.IN_PERSON,
    "عن بعد": Mode.REMOTE,
    "عن بُعد": Mode.REMOTE,
}


# --- CSV import -------------------------------------------------------------------------------
# A file is checked in the request (size, encoding, header: a message next to the field), its
# lines in the background job (registration.imports): every refused line is reported with its
# number and reason, the valid ones are imported (or none, if the organiser asked for that).

NAME_LENGTH = 200  # Invitation.name_ar / name_en


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def check_file(content: bytes, limit: int | None = None) -> tuple[str, list[str], str]:
    """The text, its column names and delimiter, or RegistrationError("file") saying what is
    wrong with the file as a whole: empty, too large, not UTF-8 text, or a wrong first line."""
    if limit is not None and len(content) > limit:
        raise RegistrationError(
            _(
                "The file is larger than %(size)s MB. Split it into files of at most %(size)s MB "
                "and import them one after the other.",
                size=megabytes(limit),
            ),
            "file",
        )
    if b"\x00" in content:  # UTF-16 ("Unicode text" in Excel) or not text at all
        raise RegistrationError(_not_utf8(), "file")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegistrationError(_not_utf8(), "file") from None
    text = without_control_characters(text)
    if not text.strip():
        raise RegistrationError(_("The file is empty."), "file")
    first = text.lstrip("\r\n").splitlines()[0]
    # Excel in Arabic and European locales writes semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
    expected = ", ".join(CSV_COLUMNS)
    # Unnamed columns (Excel keeps the separators of columns once used) are left aside.
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    if "email" not in header or unknown:
        raise RegistrationError(
            _(
                "The first line must name the columns, including “email”. Columns not "
                "understood: %(names)s. The columns are: %(expected)s.",
                names=", ".join(f"“{n}”" for n in unknown) or "—",
                expected=expected,
            ),
            "file",
        )
    twice = sorted({name for name in header if name and header.count(name) > 1})
    if twice:
        raise RegistrationError(
            _("The column “%(name)s” is named twice in the first line.", name=twice[0]), "file"
        )
    return text, header, delimiter


def _not_utf8() -> str:
    return _(
        "The file is not saved as UTF-8 text. In Excel choose “CSV UTF-8 (comma delimited)”; "
        "in LibreOffice choose the character set “Unicode (UTF-8)”."
    )


def check_rows(event: Event, text: str, header: list[str], delimiter: str, progress=None):
    """Every line of the file checked: ([(line, data)], [refusal]) where a refusal is
    {"line", "code", "value"} (refusal_text words it). ``progress(done, total)`` is called
    every thousand lines. The e-mails already invited to the event are refused here too."""
    invited = set(
        db.session.scalars(
            select(Invitation.email).where(
                Invitation.event_id == event.id,
                Invitation.email.is_not(None),
                Invitation.revoked.is_(False),
            )
        )
    )
    days = list(event.days)
    categories = category_words(event)
    total = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter)
    skipped = len(text) - len(text.lstrip("\r\n"))
    offset = text[:skipped].count("\n")  # blank lines before the header
    rows, refused, first_line = [], [], {}
    try:
        next(reader)  # the header, checked by check_file
        while True:
            line = reader.line_num + 1 + offset
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error:
                refused.append({"line": line, "code": "unreadable", "value": ""})
                break
            if progress and reader.line_num % 1000 == 0:
                progress(reader.line_num, total)
            if not any(v.strip() for v in values):
                continue  # a blank line
            data, refusal = _checked_row(
                values, header, days, invited, first_line, line, event, categories
            )
            if refusal:
                refused.append(refusal)
            else:
                rows.append((line, data))
    finally:
        if progress:
            progress(total, total)
    return rows, refused


def _checked_row(values, header, days, invited, first_line, line, event, categories):
    """(the data of one line, None) or (None, its refusal)."""

    def refuse(code, value=""):
        return None, {"line": line, "code": code, "value": str(value)[:200]}

    if len(values) != len(header):
        code = "columns_more" if len(values) > len(header) else "columns_fewer"
        return refuse(code, len(values))
    row = {name: value.strip() for name, value in zip(header, values, strict=True)}
    if not row.get("email"):
        return refuse("email_missing")
    try:
        email = normalise_email(row["email"])
    except RegistrationError:
        return refuse("email_invalid", row["email"])
    if email in first_line:
        return refuse("duplicate", first_line[email])
    first_line[email] = line
    if email in invited:
        return refuse("invited", email)
    for name in ("name_ar", "name_en"):
        if len(row.get(name) or "") > NAME_LENGTH:
            return refuse("name_long", NAME_LENGTH)
    form = parse_form(row.get("form_of_address"))
    if form is None:
        return refuse("form_of_address", row["form_of_address"])
    category = None
    if row.get("category"):
        category = categories.get(row["category"].strip().lower())
        if category is None:
            return refuse("category", row["category"])
    mode = None
    if row.get("mode"):
        mode = _MODE_WORDS.get(row["mode"].lower())
        if mode is None:
            return refuse("mode", row["mode"])
    day_ids = []
    for part in row.get("days", "").replace(",", " ").split():
        if not part.isdigit() or not 1 <= int(part) <= len(days):
            return refuse("day", part)
        day_ids.append(days[int(part) - 1].id)
    expires = None
    if row.get("expires"):
        try:
            expires = expiry_from_date(dt.date.fromisoformat(row["expires"]), event)
        except ValueError:
            return refuse("expires", row["expires"])
        if expires <= utcnow():
            return refuse("expires_past", row["expires"])
    day_ids = sorted(set(day_ids))
    data = {
        "email": email,
        "name_ar": row.get("name_ar") or None,
        "name_en": row.get("name_en") or None,
        "form_of_address": form,
        "category": category,
        "mode": mode,
        "day_ids": day_ids if len(day_ids) < len(days) else [],
        "expires_at": expires,
        "max_uses": 1,
    }
    return data, None


def refusal_text(refusal: dict) -> str:
    """One refused line, in the reader's language: «السطر ١٢: ...»."""
    n, value = refusal["line"], refusal.get("value", "")
    messages = {
        "columns_more": lambda: ngettext(
            "Line %(n)s: it has %(num)s column, more than the first line names.",
            "Line %(n)s: it has %(num)s columns, more than the first line names.",
            int(value),
            n=n,
        ),
        "columns_fewer": lambda: ngettext(
            "Line %(n)s: it has %(num)s column, fewer than the first line names.",
            "Line %(n)s: it has %(num)s columns, fewer than the first line names.",
            int(value),
            n=n,
        ),
        "email_missing": lambda: _("Line %(n)s: the e-mail address is missing.", n=n),
        "email_invalid": lambda: _(
            "Line %(n)s: “%(value)s” is not a valid e-mail address.", n=n, value=value
        ),
        "duplicate": lambda: _(
            "Line %(n)s: this e-mail address is already on line %(first)s.", n=n, first=value
        ),
        "invited": lambda: _(
            "Line %(n)s: %(value)s is already invited to this event.", n=n, value=value
        ),
        "name_long": lambda: ngettext(
            "Line %(n)s: a name is longer than %(num)s character.",
            "Line %(n)s: a name is longer than %(num)s characters.",
            int(value),
            n=n,
        ),
        "form_of_address": lambda: _(
            "Line %(n)s: unknown form of address “%(value)s” (write feminine, masculine or "
            "leave it empty).",
            n=n,
            value=value,
        ),
        "category": lambda: _("Line %(n)s: unknown category “%(value)s”.", n=n, value=value),
        "mode": lambda: _("Line %(n)s: unknown attendance “%(value)s”.", n=n, value=value),
        "day": lambda: _(
            "Line %(n)s: day “%(value)s” is not a day of this event.", n=n, value=value
        ),
        "expires": lambda: _("Line %(n)s: write the expiry date as YYYY-MM-DD.", n=n),
        "expires_past": lambda: _(
            "Line %(n)s: the expiry date %(value)s has already passed.", n=n, value=value
        ),
        "unreadable": lambda: _(
            "Line %(n)s could not be read (an unclosed quotation mark or a very long field); "
            "it and the lines after it were not imported.",
            n=n,
        ),
    }
    return messages[refusal["code"]]()


def insert_invitations(event: Event, rows: list[tuple[int, dict]]) -> list[dict]:
    """Create the invitations of checked rows in one statement batch, under the event's lock;
    an e-mail invited meanwhile (another import, the form) is refused instead."""
    lock_event(event)
    invited = set(
        db.session.scalars(
            select(Invitation.email).where(
                Invitation.event_id == event.id, Invitation.revoked.is_(False)
            )
        )
    )
    refused = [
        {"line": line, "code": "invited", "value": data["email"]}
        for line, data in rows
        if data["email"] in invited
    ]
    fresh = [{"event_id": event.id, **data} for _line, data in rows if data["email"] not in invited]
    for start in range(0, len(fresh), 2000):
        db.session.execute(insert(Invitation), fresh[start : start + 2000])
    return refused


def invitations_of(event: Event) -> list[Invitation]:
    return db.session.scalars(
        select(Invitation)
        .where(Invitation.event_id == event.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()


def revoke(invitation: Invitation) -> None:
    invitation.revoked = True
