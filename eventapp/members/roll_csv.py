"""The roll as a CSV file, both ways.

Import: the file is checked as the invitations' import checks it (size limit, UTF-8 with or
without a byte-order mark, NUL bytes refused, columns named on the first line, a line limit),
then every line; a refused line is reported with its number and reason in the reader's
language. A roll is a whole: if any line is refused, nothing is written (the organiser fixes
the file and imports it again). A line whose e-mail is that of someone on the roll updates
their membership instead of adding them twice; importing the same file again changes nothing.

Export: the same columns, every cell through spreadsheets.csv_cell (a cell starting with = + -
@ is kept as text: a name cannot become a formula in Excel).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.extensions import db
from eventapp.inputs import without_control_characters
from eventapp.members.models import Member, MemberStatus
from eventapp.members.services import MemberError, membership_categories
from eventapp.people import parse_form
from eventapp.speakers.models import Person
from eventapp.spreadsheets import csv_bytes

# form_of_address (optional): f / m / feminine / masculine / مؤنث / مذكر; blank: unspecified.
COLUMNS = ("name_ar", "name_en", "email", "category", "since", "until", "status", "form_of_address")
MAX_LINES = 10000
NAME_LENGTH = 200


def export_roll(organisation_id: int) -> bytes:
    members = db.session.scalars(
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .where(Member.organisation_id == organisation_id)
        .order_by(func.coalesce(Person.name_ar, Person.name_en), Member.id)
    ).all()
    rows = (
        [
            m.person.name_ar,
            m.person.name_en,
            m.person.email,
            m.category.code if m.category else None,
            m.since,
            m.until,
            m.status.value,
            m.person.form_of_address.value,
        ]
        for m in members
    )
    return csv_bytes(list(COLUMNS), rows)


def _not_utf8() -> str:
    return _(
        "The file is not saved as UTF-8 text. In Excel choose “CSV UTF-8 (comma delimited)”; "
        "in LibreOffice choose the character set “Unicode (UTF-8)”."
    )


def read_file(content: bytes, limit: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(column names, [(line number, values)]) or MemberError("file") on the file as a whole."""
    if len(content) > limit:
        raise MemberError(
            _("The file is larger than %(size)s MB.", size=f"{limit / (1024 * 1024):g}"), "file"
        )
    if b"\x00" in content:
        raise MemberError(_not_utf8(), "file")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MemberError(_not_utf8(), "file") from None
    text = without_control_characters(text)
    if not text.strip():
        raise MemberError(_("The file is empty."), "file")
    first = text.lstrip("\r\n").splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    unknown = [name for name in header if name and name not in COLUMNS]
    if "email" not in header or unknown or len(set(header)) != len(header):
        raise MemberError(
            _(
                "The first line must name the columns, including “email”, each once. Columns "
                "not understood: %(names)s. The columns are: %(expected)s.",
                names=", ".join(f"“{n}”" for n in unknown) or "—",
                expected=", ".join(COLUMNS),
            ),
            "file",
        )
    offset = text[: len(text) - len(text.lstrip("\r\n"))].count("\n")
    lines = []
    try:
        for values in reader:
            if len(lines) >= MAX_LINES:
                raise MemberError(
                    ngettext(
                        "The file has more than %(num)s line: split it.",
                        "The file has more than %(num)s lines: split it.",
                        MAX_LINES,
                    ),
                    "file",
                )
            if any(v.strip() for v in values):
                lines.append((reader.line_num + offset, values))
    except csv.Error:
        line = reader.line_num + offset
        raise MemberError(_("Line %(n)s cannot be read.", n=line), "file") from None
    return header, lines


def _statuses() -> dict[str, MemberStatus]:
    words = {s.value: s for s in MemberStatus}
    for language in ("ar", "en"):
        with force_locale(language):
            words.update({str(s.label).lower(): s for s in MemberStatus})
    return words


def check_lines(organisation_id: int, header, lines) -> tuple[list[dict], list[str]]:
    """([checked data], [refusal in the reader's language, with its line number])."""
    categories = {c.code: c.id for c in membership_categories(organisation_id)}
    statuses = _statuses()
    rows, refused, seen = [], [], {}
    for line, values in lines:
        if len(values) != len(header):
            refused.append(
                ngettext(
                    "Line %(n)s: %(num)s column instead of %(expected)s.",
                    "Line %(n)s: %(num)s columns instead of %(expected)s.",
                    len(values),
                    n=line,
                    expected=len(header),
                )
            )
            continue
        row = {name: value.strip() for name, value in zip(header, values, strict=True)}
        problem = None
        email = row.get("email", "").lower()
        if "@" not in email or len(email) > 254 or " " in email:
            problem = _(
                "Line %(n)s: the e-mail address “%(value)s” is not valid.",
                n=line,
                value=row.get("email", "")[:100],
            )
        elif email in seen:
            problem = _(
                "Line %(n)s: the address is on line %(first)s already.", n=line, first=seen[email]
            )
        elif any(len(row.get(k) or "") > NAME_LENGTH for k in ("name_ar", "name_en")):
            problem = _(
                "Line %(n)s: a name is longer than %(max)s characters.", n=line, max=NAME_LENGTH
            )
        elif row.get("category") and row["category"].lower() not in categories:
            problem = _(
                "Line %(n)s: unknown membership category “%(value)s”.",
                n=line,
                value=row["category"][:100],
            )
        elif row.get("status") and row["status"].lower() not in statuses:
            problem = _(
                "Line %(n)s: unknown status “%(value)s” (active, suspended, ended).",
                n=line,
                value=row["status"][:100],
            )
        form = parse_form(row.get("form_of_address"))
        if problem is None and form is None:
            problem = _(
                "Line %(n)s: “%(value)s” is not a form of address (f, m, or blank).",
                n=line,
                value=row["form_of_address"][:40],
            )
        dates = {}
        for key in ("since", "until"):
            if problem is None and row.get(key):
                try:
                    dates[key] = dt.date.fromisoformat(row[key])
                except ValueError:
                    problem = _(
                        "Line %(n)s: “%(value)s” is not a date like 2026-03-01.",
                        n=line,
                        value=row[key][:40],
                    )
        since, until = dates.get("since"), dates.get("until")
        if problem is None and since and until and until < since:
            problem = _("Line %(n)s: the end of membership is before its start.", n=line)
        if problem is not None:
            refused.append(problem)
            continue
        seen[email] = line
        rows.append(
            {
                "line": line,
                "email": email,
                "name_ar": row.get("name_ar") or None,
                "name_en": row.get("name_en") or None,
                "category_id": categories.get((row.get("category") or "").lower()),
                "since": dates.get("since"),
                "until": dates.get("until"),
                "status": statuses.get((row.get("status") or "active").lower()),
                # None: the file has no such column (the person's form is left as it is).
                "form_of_address": form if "form_of_address" in row else None,
            }
        )
    return rows, refused


def import_roll(organisation_id: int, content: bytes, limit: int, created_by=None) -> dict:
    """Import a roll: {"added", "updated"} or MemberError with every refused line (nothing is
    written then). The caller commits."""
    header, lines = read_file(content, limit)
    rows, refused = check_lines(organisation_id, header, lines)
    if refused:
        error = MemberError(
            _("Nothing was imported: correct these lines and import again."), "file"
        )
        error.lines = refused
        raise error
    if not rows:
        raise MemberError(_("The file has no line to import."), "file")
    emails = [r["email"] for r in rows]
    on_roll = {
        m.person.email.lower(): m
        for m in db.session.scalars(
            select(Member)
            .join(Person, Person.id == Member.person_id)
            .where(Member.organisation_id == organisation_id, func.lower(Person.email).in_(emails))
        )
    }
    people = {}
    for person in db.session.scalars(
        select(Person).where(func.lower(Person.email).in_(emails)).order_by(Person.id)
    ):
        people.setdefault(person.email.lower(), person)
    added = updated = 0
    for row in rows:
        member = on_roll.get(row["email"])
        if member is None:
            person = people.get(row["email"])
            if person is None:
                person = Person(
                    name_ar=row["name_ar"],
                    name_en=row["name_en"],
                    email=row["email"],
                    created_by_id=getattr(created_by, "id", None),
                )
                if not (row["name_ar"] or row["name_en"]):
                    person.name_en = row["email"].split("@")[0]
                db.session.add(person)
            member = Member(organisation_id=organisation_id, person=person)
            db.session.add(member)
            added += 1
        else:
            changed = (member.category_id, member.since, member.until, member.status) != (
                row["category_id"],
                row["since"],
                row["until"],
                row["status"],
            )
            updated += int(changed)
        if row["form_of_address"] is not None:
            member.person.form_of_address = row["form_of_address"]
        member.category_id = row["category_id"]
        member.since, member.until, member.status = row["since"], row["until"], row["status"]
    db.session.flush()
    return {"added": added, "updated": updated}
