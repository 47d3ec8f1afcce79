"""CSV and XLSX cells that open correctly in Excel with Arabic and are safe, for every capability.

Control characters are dropped from every cell (XLSX cannot hold them at all, and a name typed
before the web input filter existed may still carry one); a cell that Excel would read as a
formula is kept as text.
"""

from __future__ import annotations

import csv
import io

from eventapp.inputs import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """Dates as ISO; a cell starting with = + - @ is quoted so Excel never runs it as a formula."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = without_control_characters(text)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_bytes(header: list, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    # The byte-order mark is what makes Excel read the file as UTF-8 (Arabic intact).
    return out.getvalue().encode("utf-8-sig")


def xlsx_cell(value):
    """Text without the control characters XML forbids; openpyxl writes a text starting with =
    as a formula: keep it text."""
    if not isinstance(value, str):
        return value
    value = without_control_characters(value)
    if value[:1] == "=":
        return "'" + value
    return value
