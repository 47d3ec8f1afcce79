"""The recommendations follow-up list as CSV (UTF-8 with BOM, so Excel reads Arabic) and XLSX:
of one event, or of an organisation's programme (``programme``: each row starts with its event
and series)."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from eventapp.i18n import localized
from eventapp.outcomes.addressees import addressee_label
from eventapp.spreadsheets import csv_bytes, xlsx_cell


def _headers(programme: bool = False) -> list[str]:
    first = [_("Event"), _("Series")] if programme else []
    return first + [
        _("No."),
        _("Recommendation"),
        _("Addressed to"),
        _("Theme"),
        _("Priority"),
        _("Source"),
        _("Follow-up status"),
        _("Responsible body"),
        _("Due date"),
        _("Latest progress"),
        _("Date of latest progress"),
        # The English translations, last (empty where none is written yet).
        _("Recommendation in English"),
        _("Addressed to (in words), in English"),
        _("Theme in English"),
        _("Responsible body in English"),
    ]


def rows(recs, language: str, programme: bool = False) -> list[list]:
    table = []
    for rec in recs:
        latest = rec.notes[0] if rec.notes else None
        source = localized(rec.session, "title", language) if rec.session else _("The event")
        first = []
        if programme:
            series = rec.event.series
            first = [
                localized(rec.event, "title", language),
                localized(series, "title", language) if series else "",
            ]
        table.append(
            first
            + [
                rec.number,
                rec.text,
                addressee_label(rec, language),
                rec.theme or "",
                rec.priority.label,
                source,
                rec.status.label,
                rec.responsible_body or "",
                rec.due_date,
                latest.text if latest else "",
                latest.noted_on if latest else None,
                rec.text_en or "",
                rec.addressee_en or "",
                rec.theme_en or "",
                rec.responsible_body_en or "",
            ]
        )
    return table


def to_csv(recs, language: str, programme: bool = False) -> bytes:
    return csv_bytes(_headers(programme), rows(recs, language, programme))


def to_xlsx(recs, language: str, title: str, programme: bool = False) -> bytes:
    # Imported when used: openpyxl costs every worker 18 MB.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = _("Recommendations")[:31]
    sheet.sheet_view.rightToLeft = language == "ar"
    sheet.append([xlsx_cell(v) for v in _headers(programme)])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0F5257")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows(recs, language, programme):
        sheet.append([xlsx_cell(v) for v in row])
    shift = 2 if programme else 0  # the event and series columns come first
    widths = [36, 28][:shift] + [6, 60, 28, 20, 10, 36, 16, 28, 12, 50, 14, 60, 28, 20, 28]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        row[8 + shift].number_format = row[10 + shift].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "E2" if programme else "C2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = title
    book.properties.language = language
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
