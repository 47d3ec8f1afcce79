"""Organiser screens for how an event takes registrations: the settings (window, places,
categories and days) and the form's own questions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from eventapp import versions
from eventapp.auth.permissions import organiser_required
from eventapp.extensions import db
from eventapp.inputs import owned_or_404
from eventapp.members import services as member_services
from eventapp.members.participants import event_categories
from eventapp.registration import notify, services
from eventapp.registration.blueprint import bp
from eventapp.registration.edits import changed_or_explained
from eventapp.registration.forms import QuestionForm, build_settings_form
from eventapp.registration.models import MemberLimit, Question, QuestionKind
from eventapp.registration.settings import SETTINGS_FIELDS

# Set from the one choice "who may register", not as they are.
_CHOSEN = {"invitation_only", "member_limit"}


@bp.route("/manage/events/<int:event_id>/registration/settings", methods=["GET", "POST"])
@organiser_required
def settings(event):
    settings = services.settings_for(event)
    db.session.commit()
    categories = event_categories(event)
    form = build_settings_form(
        event,
        member_services.membership_categories(event.organiser_id),
        obj=settings if request.method == "GET" else None,
    )
    if request.method == "GET":
        for name, value in _saved_settings(event, settings).items():
            form[name].data = value
    if form.validate_on_submit():
        data = {name: form[name].data for name in SETTINGS_FIELDS if name not in _CHOSEN}
        for name in ("remote_instructions_ar", "remote_instructions_en"):
            data[name] = (data[name] or "").strip() or None
        who = form.who_may_register.data
        data["invitation_only"] = who == "invitation"
        data["member_limit"] = (
            MemberLimit(who) if who in ("members", "categories") else (MemberLimit.NONE)
        )
        data["public_categories"] = form.public_categories.data
        if len(event.days) > 1:
            data["category_days"] = {c.code: form[f"days_{c.code}"].data for c in categories}
            empty = [c for c in categories if not form[f"days_{c.code}"].data]
        else:  # one day: the page offers no choice of days, every category attends it
            data["category_days"] = {c.code: [d.id for d in event.days] for c in categories}
            empty = []
        day_caps = {d.id: form[f"day_capacity_{d.id}"].data for d in event.days}
        if empty:
            form[f"days_{empty[0].code}"].errors.append(_("Tick at least one day."))
        else:
            promoted = changed_or_explained(
                form,
                settings,
                lambda: _saved_settings(event, settings),
                lambda seen_version: services.save_settings(
                    event, data, day_caps, seen_version=seen_version
                ),
            )
            if promoted is not None:
                notify.send_many(promoted, "promoted")
                db.session.commit()
                flash(_("Saved."), "success")
                if promoted:
                    flash(
                        ngettext(
                            "%(num)s person was confirmed from the waiting list and told by"
                            " e-mail.",
                            "%(num)s people were confirmed from the waiting list and told by"
                            " e-mail.",
                            len(promoted),
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
        categories=categories,
    ), versions.status_of(form)


def _saved_settings(event, settings) -> dict:
    """The saved values of the settings form's fields that are not plain attributes."""
    if settings.invitation_only:
        who = "invitation"
    else:
        who = (settings.member_limit or MemberLimit.NONE).value
    values = {
        "public_categories": list(settings.public_categories or []),
        "who_may_register": who,
        "member_categories": list(settings.member_categories or []),
    }
    for day in event.days:
        values[f"day_capacity_{day.id}"] = settings.capacity_for_day(day.id)
    for category in event_categories(event):
        values[f"days_{category.code}"] = settings.days_for_category(category.code) or [
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
