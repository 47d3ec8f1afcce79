"""The certificates of attendance as a PDF, in Arabic or English: one A4 landscape page per
person with the organiser's logo, the signatories, the serial number and the verification
address (as text and as a QR code). The template receives plain data only."""

from __future__ import annotations

import base64
import io

import segno
from flask import url_for
from flask_babel import force_locale, lazy_npgettext, lazy_pgettext
from flask_babel import gettext as _

from eventapp.events.models import Event
from eventapp.i18n import event_date, event_digits, localized, place_text
from eventapp.people import Audience, gendered, shown
from eventapp.registration.certificates import settings_of
from eventapp.registration.models import Certificate, Registration
from eventapp.reports import render_pdf

LANGUAGES = ("ar", "en")
_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def logo_uri(organisation) -> str:
    """The organisation's logo as an inline data URI, only when its bytes are PNG or JPEG."""
    if organisation is None or not organisation.logo_type:
        return ""
    logo = organisation.logo
    for magic, mime in _MAGIC.items():
        if logo and logo.startswith(magic):
            return f"data:{mime};base64," + base64.b64encode(logo).decode()
    return ""


def verify_url(certificate: Certificate) -> str:
    return url_for("registration.verify", code=certificate.code, _external=True)


def _qr(url: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=2)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def printed_name(certificate: Certificate, language: str) -> str:
    """The name as printed on the certificate in ``language``."""
    return localized(certificate, "name", language)


def attendance_text(attended: int, total: int, event: Event, form=None) -> str:
    """«حضرت ٢ من أصل ٣ أيام» for a woman, «حضر …» for a man, neutral «الحضور: …» (the
    public verification page, which knows no form of address, reads the neutral one)."""
    values = {"attended": event_digits(attended, event), "total": event_digits(total, event)}
    return gendered(
        form,
        feminine=lazy_npgettext(
            "feminine",
            "attended %(attended)s of %(total)s day",
            "attended %(attended)s of %(total)s days",
            total,
            **values,
        ),
        masculine=lazy_npgettext(
            "masculine",
            "attended %(attended)s of %(total)s day",
            "attended %(attended)s of %(total)s days",
            total,
            **values,
        ),
        neutral=lazy_npgettext(
            "neutral",
            "attended %(attended)s of %(total)s day",
            "attended %(attended)s of %(total)s days",
            total,
            **values,
        ),
    )


def recognition_text(form) -> str:
    """The words before the event's title, worded for the person (eventapp.people.gendered):
    «تقديرًا لمشاركتها في أعمال», «تقديرًا لمشاركته في أعمال», neutral «تقديرًا للمشاركة في
    أعمال»."""
    return gendered(
        form,
        feminine=lazy_pgettext("feminine", "in recognition of taking part in"),
        masculine=lazy_pgettext("masculine", "in recognition of taking part in"),
        neutral=lazy_pgettext("neutral", "in recognition of taking part in"),
    )


def dates_text(event: Event) -> str:
    dates = event_date(event.first_day, event, "long")
    if event.last_day != event.first_day:
        dates = _(
            "from %(first)s to %(last)s",
            first=dates,
            last=event_date(event.last_day, event, "long"),
        )
    return dates


def _organisation(registration: Registration, language: str) -> str:
    if registration.organisation is not None:
        return localized(registration.organisation, "name", language)
    return registration.organisation_name or ""


def certificate_data(event: Event, pairs, language: str) -> dict:
    """``pairs``: (registration, certificate). Everything the PDF shows, in ``language``."""
    settings = settings_of(event)
    with force_locale(language):
        organisers = []
        if event.organiser is not None:
            organisers.append(localized(event.organiser, "name", language))
        organisers += [
            localized(p.organisation, "name", language)
            for p in event.partners
            if p.role.value in ("organiser", "host", "partner")
        ]
        people = []
        for registration, certificate in pairs:
            # The certificate is the person's own: it names them (staff see everyone in full).
            person = shown(
                printed_name(certificate, language),
                _organisation(registration, language),
                Audience.STAFF,
            )
            url = verify_url(certificate)
            people.append(
                {
                    "name": person.name,
                    "organisation": person.organisation,
                    "recognition": recognition_text(registration.form_of_address),
                    "attendance": attendance_text(
                        certificate.days_attended,
                        certificate.days_total,
                        event,
                        registration.form_of_address,
                    ),
                    "serial": certificate.serial,
                    "verify_url": url,
                    "qr": _qr(url),
                }
            )
        return {
            "lang": language,
            "title": _("Certificate of attendance"),
            "event_title": localized(event, "title", language),
            "dates": dates_text(event),
            "place": place_text(
                localized(event, "venue", language), localized(event, "city", language), language
            ),
            "organisers": list(dict.fromkeys(o for o in organisers if o)),
            "logo": logo_uri(event.organiser),
            "signatories": settings.signatories(language) if settings else [],
            "people": people,
            "use_arabic_digits": event.use_arabic_digits,
        }


def certificates_pdf(event: Event, pairs, language: str) -> bytes:
    language = language if language in LANGUAGES else "ar"
    data = certificate_data(event, pairs, language)
    with force_locale(language):  # certificates are in their own language, whoever prints them
        return render_pdf("registration/pdf/certificates.html", **data)
