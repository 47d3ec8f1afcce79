"""The registration list as CSV (opens in Excel with Arabic intact) and XLSX."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from eventapp import audit
from eventapp.extensions import db
from eventapp.members.participants import category_label
from eventapp.people import Audience, shown
from eventapp.registration.models import Registration
from eventapp.spreadsheets import csv_bytes, xlsx_cell


def _rows(event, registrations: list[Registration], questions) -> tuple[list, list[list]]:
    header = [
        _("Name in Arabic"),
        _("Name in English"),
        _("E-mail"),
        _("Organisation"),
        _("Position"),
        _("Category"),
        _("Attendance"),
        _("Days"),
        _("Status"),
        _("Registered at (UTC)"),
        _("Checked in"),
        _("Accessibility needs"),
        _("Interpretation needs"),
        _("Listed to"),
        _("Named in reports"),
        _("Check-in code"),
    ] + [q.label for q in questions]
    day_number = {d.id: d.number for d in event.days}
    rows = []
    for r in registrations:
        # Staff see everyone in full; still decided in the one place (eventapp.people).
        person = shown(r.name_ar or r.name_en, r.organisation_label, Audience.STAFF)
        rows.append(
            [
                r.name_ar or "",
                r.name_en or "",
                r.email or "",
                person.organisation,
                r.position or "",
                category_label(event, r.category, form=r.form_of_address),
                r.mode.label,
                " ".join(str(day_number.get(d.id, "")) for d in r.days),
                r.status.label,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                " ".join(str(day_number.get(c.day_id, "")) for c in r.checkins),
                r.accessibility_needs or "",
                r.interpretation_needs or "",
                r.list_visibility.label,
                r.report_naming.label,
                r.checkin_code,
            ]
            + [(r.answers or {}).get(str(q.id), "") for q in questions]
        )
    return header, rows


def record_export(event, what: str, fmt: str, rows: int) -> None:
    """An export of personal data goes in the audit trail before the file is handed out."""
    audit.record("export", what, event_id=event.id, details={"format": fmt, "rows": rows})
    db.session.commit()


def to_csv(event, registrations, questions) -> bytes:
    header, rows = _rows(event, registrations, questions)
    return csv_bytes(header, rows)


def to_xlsx(event, registrations, questions, *, right_to_left: bool) -> bytes:
    # Imported when used: openpyxl costs every worker 18 MB.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    header, rows = _rows(event, registrations, questions)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.append([xlsx_cell(v) for v in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 45)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
