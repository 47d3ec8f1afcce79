"""The agenda as a PDF (through eventapp.reports): Arabic right-to-left by default, English on
request. The template gets plain data read from the same snapshot as the pages."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from eventapp.agendas import services
from eventapp.events.models import Event
from eventapp.i18n import place_text
from eventapp.reports import render_pdf


def agenda_context(event: Event, language: str) -> dict:
    """Everything templates/reports/agenda.html shows, in `language`."""
    snap = services.snapshot(event, language)
    e = snap["event"]
    partners = [o for o in snap["organisations"] if o["roles"]]
    return {
        "lang": language,
        "title": _("Agenda: %(event)s", event=e["title"]),
        "description": e["dates_label"],
        "keywords": [e["title"], _("Agenda")],
        "created": e["changed_at"],
        "event_title": e["title"],
        "event": e,
        "place": place_text(e["venue"], e["city"], language),
        # "صفحة ١ من ٤" or "صفحة 1 من 4": the footer follows the event's digits.
        "arabic_digits": e["use_arabic_digits"],
        "partners": [
            {"name": o["display_name"], "roles": [r["label"] for r in o["roles"]]} for o in partners
        ],
        "days": [
            {
                "heading": _("Day %(number)s", number=d["number_label"]),
                "date": d["label"],
                "title": d["title"],
                "notes": d["notes"],
                "place": d["place"],
                "sessions": [
                    {
                        "start": s["start_label"],
                        "end": s["end_label"],
                        "title": s["title"],
                        "kind": s["kind_label"],
                        "is_break": s["kind"] == "break",
                        "guiding_question": s["guiding_question"],
                        "description": s["description"],
                        "room": s["room"]["name"] if s["room"] else "",
                        "people": [
                            {
                                "role": p["role_label"],
                                "name": p["name"],
                                "organisation": p["organisation"],
                            }
                            for p in s["runners"] + s["speakers"]
                        ],
                    }
                    for s in d["sessions"]
                ],
            }
            for d in snap["days"]
        ],
        "session_count": len(snap["sessions"]),
    }


def agenda_pdf(event: Event, language: str = "ar") -> bytes:
    with force_locale(language):
        return render_pdf("reports/agenda.html", **agenda_context(event, language))
