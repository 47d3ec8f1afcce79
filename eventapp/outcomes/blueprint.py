"""The outcomes blueprint, and the filters its screens and the report templates share:
``markdown`` (a rapporteur's text as sanitised HTML), ``textdir`` (a text's direction) and
``addressee`` (to whom a recommendation is addressed, as text); and the global ``shown_text``
(a bilingual text in the reader's language, ``eventapp.i18n.shown_text``).
Its routes are in views_outcomes, views_items, views_followup and views_reports."""

from __future__ import annotations

from flask import Blueprint

from eventapp.i18n import shown_text
from eventapp.outcomes.addressees import addressee_label
from eventapp.outcomes.markdown import markdown_html
from eventapp.reports import text_direction_of

bp = Blueprint("outcomes", __name__)
bp.add_app_template_filter(markdown_html, "markdown")
bp.add_app_template_filter(text_direction_of, "textdir")
bp.add_app_template_filter(addressee_label, "addressee")
bp.add_app_template_global(shown_text, "shown_text")
