"""Organiser screens: settings, the list, bulk actions, editing, statistics, exports,
invitations."""

from __future__ import annotations

import enum

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from eventapp import audit, versions
from eventapp.auth.permissions import organiser_required
from eventapp.common import attach_error, select_choices
from eventapp.extensions import db
from eventapp.i18n import current_language, format_day
from eventapp.inputs import bounded_int, bounded_page, owned_or_404
from eventapp.registration import exports, figures, imports, notify, services
from eventapp.registration import invitations as invitation_services
from eventapp.registration.figures import Filters
from eventapp.registration.forms import (
    ImportForm,
    InvitationForm,
    QuestionForm,
    build_registration_form,
    build_settings_form,
)
from eventapp.registration.models import (
    Category,
    Invitation,
    Mode,
    Question,
    QuestionKind,
    Registration,
    Status,
)
from eventapp.registration.services import RegistrationError
from eventapp.registration.views import bp, organisation_options
from eventapp.urls import safe_next_url

PAGE_SIZE = 100
REFUSALS_SHOWN = 1000  # refused lines listed on an import's page


def _registration(event, registration_id) -> Registration:
    return owned_or_404(Registration, registration_id, event)


def _filters() -> Filters:
    return Filters(
        q=request.args.get("q", "")[:200],
        status=request.args.get("status", ""),
        category=request.args.get("category", ""),
        mode=request.args.get("mode", ""),
        day=request.args.get("day", 0, type=bounded_int),
        organisation=request.args.get("organisation", "")[:300],
    )


@bp.get("/manage/events/<int:event_id>/registrations")
@organiser_required
def manage(event):
    filters = _filters()
    page = max(request.args.get("page", 1, type=bounded_page), 1)
    registrations, total = figures.search_registrations(
        event, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render_template(
        "registration/manage.html",
        event=event,
        registrations=registrations,
        total=total,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        filters=filters,
        stats=figures.statistics(event),
        organisations=figures.organisations_registered(event),
        Status=Status,
        Category=Category,
        Mode=Mode,
        args={k: v for k, v in request.args.items() if k != "page"},
    )


@bp.post("/manage/events/<int:event_id>/registrations/bulk")
@organiser_required
def bulk(event):
    # CSRFProtect has checked the token of this POST before the view runs.
    action = request.form.get("action", "")
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    back = safe_next_url(request.form.get("next"), "events.my_events")
    if not request.form.get("next"):
        back = url_for("registration.manage", event_id=event.id)
    if not ids:
        flash(_("Tick at least one registration first."), "warning")
        return redirect(back)
    try:
        result = services.bulk_action(event, ids, action)
    except RegistrationError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(back)
    notify.send_many(result.confirmed, "status")
    notify.send_many(result.waitlisted, "status")
    notify.send_many(result.rejected, "status")
    notify.send_many(result.promoted, "promoted")
    db.session.commit()
    parts = []
    if result.confirmed:
        parts.append(_("%(n)s confirmed", n=len(result.confirmed)))
    if result.waitlisted:
        parts.append(_("%(n)s put on the waiting list", n=len(result.waitlisted)))
    if result.rejected:
        parts.append(_("%(n)s not accepted", n=len(result.rejected)))
    if result.promoted:
        parts.append(_("%(n)s confirmed from the waiting list", n=len(result.promoted)))
    if parts:
        flash("، ".join(parts) if current_language() == "ar" else ", ".join(parts), "success")
    if result.unchanged:
        flash(
            _(
                "%(n)s could not be confirmed: no place is free and the waiting list is off.",
                n=len(result.unchanged),
            ),
            "warning",
        )
    if not parts and not result.unchanged:
        flash(_("Nothing to change."), "info")
    return redirect(back)


@bp.get("/manage/events/<int:event_id>/registrations/export.<any(csv,xlsx):fmt>")
@organiser_required
def export(event, fmt):
    registrations, _total = figures.search_registrations(event, _filters())
    questions = services.questions_for(event)
    name = f"registrations-{event.slug}"
    if fmt == "csv":
        body = exports.to_csv(event, registrations, questions)
        mimetype = "text/csv; charset=utf-8"
    else:
        rtl = current_language() == "ar"
        body = exports.to_xlsx(event, registrations, questions, right_to_left=rtl)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _exported(event, "registrations", fmt, len(registrations))
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _exported(event, what: str, fmt: str, rows: int) -> None:
    """An export of personal data goes in the audit trail before the file is handed out."""
    audit.record("export", what, event_id=event.id, details={"format": fmt, "rows": rows})
    db.session.commit()


@bp.get("/manage/events/<int:event_id>/registrations/statistics")
@organiser_required
def statistics(event):
    return render_template(
        "registration/statistics.html", event=event, stats=figures.statistics(event)
    )


def _organiser_form(event, settings, registration=None):
    form = build_registration_form(
        event,
        settings,
        services.questions_for(event),
        organiser=True,
        obj=registration if request.method == "GET" else None,
    )
    if request.method == "GET" and registration is not None:
        for name, value in _saved_registration(form, registration).items():
            form[name].data = value.value if isinstance(value, enum.Enum) else value
    elif request.method == "GET":
        form.day_ids.data = [d.id for d in event.days]
    return form


def _saved_registration(form, registration) -> dict:
    """The saved values of the form's fields that are not plain attributes of the row."""
    values = {
        "organisation": registration.organisation.display_name
        if registration.organisation
        else registration.organisation_name,
        "category": registration.category,
        "mode": registration.mode,
        "day_ids": [d.id for d in registration.days],
        "list_visibility": registration.list_visibility,
        "report_naming": registration.report_naming,
    }
    for f in form.question_fields():
        values[f.name] = (registration.answers or {}).get(f.name[2:], "")
    return values


@bp.route("/manage/events/<int:event_id>/registrations/new", methods=["GET", "POST"])
@organiser_required
def add(event):
    settings = services.settings_for(event)
    db.session.commit()
    form = _organiser_form(event, settings)
    if form.validate_on_submit():
        try:
            registration = services.register(
                event,
                form.service_data(),
                organiser=True,
                override_capacity=form.override_capacity.data,
                locale=current_language(),
            )
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            notify.send_registration_mail(registration, "registered")
            db.session.commit()
            flash(
                _(
                    "%(name)s was registered: %(status)s.",
                    name=registration.name,
                    status=registration.status.label,
                ),
                "success",
            )
            return redirect(url_for("registration.manage", event_id=event.id))
    return render_template(
        "registration/edit.html",
        event=event,
        form=form,
        registration=None,
        organisation_options=organisation_options(),
    )


@bp.route(
    "/manage/events/<int:event_id>/registrations/<int:registration_id>", methods=["GET", "POST"]
)
@organiser_required
def edit(event, registration_id):
    registration = _registration(event, registration_id)
    settings = services.settings_for(event)
    form = _organiser_form(event, settings, registration)
    if form.validate_on_submit():
        try:
            promoted = services.change_registration(
                registration,
                form.service_data(),
                organiser=True,
                override_capacity=form.override_capacity.data,
                seen_version=versions.loaded(form),
            )
        except versions.EditConflict:
            db.session.rollback()
            versions.explain(form, registration, _saved_registration(form, registration))
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            notify.send_many(promoted, "promoted")
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("registration.manage", event_id=event.id))
    return render_template(
        "registration/edit.html",
        event=event,
        form=form,
        registration=registration,
        organisation_options=organisation_options(),
    ), versions.status_of(form)


@bp.post("/manage/events/<int:event_id>/registrations/<int:registration_id>/resend")
@organiser_required
def resend_link(event, registration_id):
    registration = _registration(event, registration_id)
    notify.send_registration_mail(registration, "link")
    db.session.commit()
    flash(_("The personal link was sent again to %(email)s.", email=registration.email), "success")
    return redirect(
        url_for("registration.edit", event_id=event.id, registration_id=registration.id)
    )


# --- settings and questions -----------------------------------------------------------------


@bp.route("/manage/events/<int:event_id>/registration/settings", methods=["GET", "POST"])
@organiser_required
def settings(event):
    settings = services.settings_for(event)
    db.session.commit()
    form = build_settings_form(event, obj=settings if request.method == "GET" else None)
    if request.method == "GET":
        for name, value in _saved_settings(event, settings).items():
            form[name].data = value
    if form.validate_on_submit():
        data = {
            name: form[name].data
            for name in (
                "is_open",
                "opens_on",
                "closes_on",
                "offer_in_person",
                "offer_remote",
                "capacity_in_person",
                "capacity_remote",
                "requires_approval",
                "invitation_only",
                "waitlist_enabled",
                "ask_accessibility",
                "ask_interpretation",
                "purge_after_days",
            )
        }
        data["public_categories"] = form.public_categories.data
        if len(event.days) > 1:
            data["category_days"] = {c.value: form[f"days_{c.value}"].data for c in Category}
            empty = [c for c in Category if not form[f"days_{c.value}"].data]
        else:  # one day: the page offers no choice of days, every category attends it
            data["category_days"] = {c.value: [d.id for d in event.days] for c in Category}
            empty = []
        day_caps = {d.id: form[f"day_capacity_{d.id}"].data for d in event.days}
        if empty:
            form[f"days_{empty[0].value}"].errors.append(_("Tick at least one day."))
        else:
            try:
                promoted = services.save_settings(
                    event, data, day_caps, seen_version=versions.loaded(form)
                )
            except versions.EditConflict:
                db.session.rollback()
                versions.explain(form, settings, _saved_settings(event, settings))
            except RegistrationError as error:
                db.session.rollback()
                attach_error(form, error)
            else:
                notify.send_many(promoted, "promoted")
                db.session.commit()
                flash(_("Saved."), "success")
                if promoted:
                    flash(
                        _(
                            "%(n)s people were confirmed from the waiting list and told by e-mail.",
                            n=len(promoted),
                        ),
                        "info",
                    )
                return redirect(url_for("registration.settings", event_id=event.id))
    return render_template(
        "registration/settings.html",
        event=event,
        form=form,
        settings=settings,
        questions=services.questions_for(event),
        question_form=QuestionForm(),
        Category=Category,
    ), versions.status_of(form)


def _saved_settings(event, settings) -> dict:
    """The saved values of the settings form's fields that are not plain attributes."""
    values = {"public_categories": list(settings.public_categories or [])}
    for day in event.days:
        values[f"day_capacity_{day.id}"] = settings.capacity_for_day(day.id)
    for category in Category:
        values[f"days_{category.value}"] = settings.days_for_category(category) or [
            d.id for d in event.days
        ]
    return values


@bp.post("/manage/events/<int:event_id>/registration/questions")
@organiser_required
def add_question(event):
    form = QuestionForm()
    if form.validate_on_submit():
        kind = QuestionKind(form.kind.data)
        if kind == QuestionKind.CHOICE and not (form.choices_text.data or "").strip():
            flash(_("Give the answers to choose from, one per line."), "danger")
        else:
            position = len(services.questions_for(event))
            db.session.add(
                Question(
                    event_id=event.id,
                    position=position,
                    kind=kind,
                    label_ar=(form.label_ar.data or "").strip() or None,
                    label_en=(form.label_en.data or "").strip() or None,
                    choices_text=form.choices_text.data,
                    required=form.required.data,
                )
            )
            db.session.commit()
            flash(_("The question was added to the form."), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
    return redirect(url_for("registration.settings", event_id=event.id) + "#questions")


@bp.post("/manage/events/<int:event_id>/registration/questions/<int:question_id>/delete")
@organiser_required
def delete_question(event, question_id):
    question = owned_or_404(Question, question_id, event)
    db.session.delete(question)
    db.session.commit()
    flash(_("The question was removed. Answers already given stay in the export."), "success")
    return redirect(url_for("registration.settings", event_id=event.id) + "#questions")


# --- invitations ----------------------------------------------------------------------------


def _invitation_form(event):
    form = InvitationForm()
    form.day_ids.choices = select_choices(
        (d.id, format_day(d.date, event, "d MMMM")) for d in event.days
    )
    return form


@bp.route("/manage/events/<int:event_id>/invitations", methods=["GET", "POST"])
@organiser_required
def invitations(event):
    form = _invitation_form(event)
    if form.validate_on_submit():
        data = {
            "email": form.email.data,
            "name_ar": form.name_ar.data,
            "name_en": form.name_en.data,
            "label": form.label.data,
            "max_uses": form.max_uses.data,
            "category": Category(form.category.data) if form.category.data else None,
            "mode": Mode(form.mode.data) if form.mode.data else None,
            "day_ids": form.day_ids.data,
            "expires_at": invitation_services.expiry_from_date(form.expires_on.data, event),
        }
        try:
            invitation_services.create_invitation(event, data)
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The invitation was created. Copy its link below."), "success")
            return redirect(url_for("registration.invitations", event_id=event.id))
    return _invitations_page(event, form, _import_form())


def _invitations_page(event, form, import_form):
    items = invitation_services.invitations_of(event)
    return render_template(
        "registration/invitations.html",
        event=event,
        form=form,
        import_form=import_form,
        recent_imports=imports.recent_imports(event),
        invitations=items,
        day_numbers={d.id: d.number for d in event.days},
        settings=services.settings_for(event),
    )


def _import_form() -> ImportForm:
    form = ImportForm()
    limit = current_app.config["IMPORT_MAX_BYTES"]
    form.file.description = _(
        "A CSV file saved as UTF-8, at most %(size)s MB (about %(lines)s lines). Columns: "
        "email, name_ar, name_en, category, mode, days, expires. Only email is required; days "
        "are day numbers (1 2 3); expires is YYYY-MM-DD.",
        size=invitation_services.megabytes(limit),
        lines=f"{limit // 140:,}",
    )
    return form


@bp.post("/manage/events/<int:event_id>/invitations/import")
@organiser_required
def import_invitations(event):
    """Checks the file as a whole here; its lines are checked and imported by a job."""
    import_form = _import_form()
    if import_form.validate_on_submit():
        limit = current_app.config["IMPORT_MAX_BYTES"]
        upload = import_form.file.data
        content = upload.read(limit + 1)  # one byte more than allowed: too large is refused
        try:
            job = imports.start_import(
                event,
                upload.filename,
                content,
                import_form.all_or_nothing.data,
                current_user,
                limit,
            )
        except RegistrationError as error:
            db.session.rollback()
            attach_error(import_form, error)
        else:
            return redirect(url_for("registration.import_page", event_id=event.id, job_id=job.id))
    return _invitations_page(event, _invitation_form(event), import_form), 422


@bp.get("/manage/events/<int:event_id>/invitations/imports/<int:job_id>")
@organiser_required
def import_page(event, job_id):
    job = imports.import_of(event, job_id) or abort(404)
    return render_template(
        "registration/import_job.html",
        event=event,
        job=job,
        state=imports.import_state(job),
        refusals=[invitation_services.refusal_text(r) for r in job.refused[:REFUSALS_SHOWN]],
        refusals_shown=REFUSALS_SHOWN,
    )


@bp.get("/manage/events/<int:event_id>/invitations/imports/<int:job_id>/status")
@organiser_required
def import_status(event, job_id):
    job = imports.import_of(event, job_id) or abort(404)
    response = jsonify(imports.import_state(job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/manage/events/<int:event_id>/invitations/<int:invitation_id>/revoke")
@organiser_required
def revoke_invitation(event, invitation_id):
    invitation = owned_or_404(Invitation, invitation_id, event)
    invitation_services.revoke(invitation)
    db.session.commit()
    flash(_("The invitation was withdrawn."), "success")
    return redirect(url_for("registration.invitations", event_id=event.id))


@bp.get("/manage/events/<int:event_id>/invitations/links.csv")
@organiser_required
def invitation_links(event):
    """Every invitation with its link, to send from one's own mail merge."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["email", "name_ar", "name_en", "code", "link", "uses", "max_uses", "expires_utc"]
    )
    shown = [i for i in invitation_services.invitations_of(event) if not i.revoked]
    for i in shown:
        writer.writerow(
            [
                i.email or "",
                i.name_ar or "",
                i.name_en or "",
                i.code,
                url_for("registration.invitation", slug=event.slug, code=i.code, _external=True),
                i.uses,
                i.max_uses or "",
                i.expires_at.isoformat() if i.expires_at else "",
            ]
        )
    _exported(event, "invitation_links", "csv", len(shown))
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="invitations-{event.slug}.csv"'},
    )
