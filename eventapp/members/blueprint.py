"""The members blueprint: the organisers' screens of an organisation's roll and categories
(views.py, categories_views.py), and the template globals that word a participant category."""

from __future__ import annotations

from flask import Blueprint

from eventapp.members.participants import category_label, category_of

bp = Blueprint("members", __name__)
bp.add_app_template_global(category_label, "category_label")
bp.add_app_template_global(category_of, "category_of")
