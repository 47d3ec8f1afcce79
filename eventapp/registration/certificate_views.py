"""Certificates: the organisers' rule and signatories, a participant's own certificate from
their personal page, and the public verification page /verify/<code>."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from eventapp.auth.permissions import organiser_required
from eventapp.common import save_or_explain
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.registration import certificate_pdf, certificates, services
from eventapp.registration.blueprint import bp
from eventapp.registration.certificate_forms import CertificateSettingsForm
from eventapp.registration.models import Status
from eventapp.reports import pdf_response
from eventapp.versions import status_of


@bp.route("/manage/events/<int:event_id>/certificates/settings", methods=["GET", "POST"])
@organiser_required
def certificate_settings(event):
    row = certificates.settings_of(event)
    if request.method == "GET":
        form = CertificateSettingsForm(obj=row)
        form.version.data = str(row.version if row else 0)
    else:
        form = CertificateSettingsForm()
        if form.validate():
            row = row or certificates.new_settings(event)  # the first save makes the row
            done = save_or_explain(
                form,
                lambda: certificates.save_settings(event, form.data),
                _("Saved."),
                url_for("registration.documents", event_id=event.id),
                versioned=row,
            )
            if done:
                return done
    return render_template(
        "registration/certificate_settings.html", event=event, form=form
    ), status_of(form, 422 if form.errors else 200)


@bp.get("/r/<token>/certificate.pdf")
def my_certificate(token):
    """The participant's own certificate, once they reached the rule (their personal page
    says why not otherwise)."""
    try:
        registration = services.read_token(token)
    except services.RegistrationError:
        abort(404)
    event = registration.event
    if registration.status != Status.CONFIRMED or not certificates.eligible([registration], event):
        # Back to their page, which says what the certificate asks for.
        flash(_("There is no certificate for you yet: see the attendance it asks for."), "info")
        return redirect(url_for("registration.personal", token=token))
    certificate = certificates.issue(registration, event)
    language = request.args.get("lang") or current_language()
    pdf = certificate_pdf.certificates_pdf(event, [(registration, certificate)], language)
    db.session.commit()
    return pdf_response(pdf, f"certificate-{certificate.serial}.pdf")


@bp.get("/verify/<code>")
def verify(code):
    certificate = certificates.by_code(code)
    if certificate is None:
        return render_template("registration/verify.html", certificate=None, code=code), 404
    event: Event = certificate.event
    return render_template(
        "registration/verify.html",
        certificate=certificate,
        event=event,
        name=certificate_pdf.printed_name(certificate, current_language()),
        dates=certificate_pdf.dates_text(event),
        attendance=certificate_pdf.attendance_text(
            certificate.days_attended, certificate.days_total, event
        ),
        organiser=event.organiser,
    )
