"""The events blueprint: views.py imports every module with routes on it."""

from flask import Blueprint

bp = Blueprint("events", __name__)
