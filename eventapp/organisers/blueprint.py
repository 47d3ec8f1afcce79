"""The organisers blueprint (`views.bp`): the staff's pages (views_manage) and the public page
of an organisation (views_public)."""

from __future__ import annotations

from flask import Blueprint, current_app

bp = Blueprint("organisers", __name__)


@bp.app_template_global()
def endpoint_exists(name: str) -> bool:
    """Whether a route of this name is registered: the organisation's navigation lists the
    pages other capabilities add (members, series, recommendations) only when they exist."""
    return name in current_app.view_functions
