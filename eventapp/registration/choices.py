"""The labelled choices of registration: category (with its badge colour), status, way of
attending, who may see one's name, how reports name one, and the kinds of question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.common import LabelledEnum


def _once(build):
    """`_labels` built once per class: its lazy strings are translated when shown."""
    cache = {}

    def labels(cls):
        if cls not in cache:
            cache[cls] = build(cls)
        return cache[cls]

    return classmethod(labels)


class Category(LabelledEnum):
    DELEGATE = "delegate"
    EXPERT = "expert"
    OBSERVER = "observer"
    MEDIA = "media"
    STAFF = "staff"
    GUEST = "guest"

    @_once
    def _labels(cls):
        return {
            "delegate": _l("Delegate"),
            "expert": _l("Expert"),
            "observer": _l("Observer"),
            "media": _l("Media"),
            "staff": _l("Staff"),
            "guest": _l("Guest"),
        }

    @property
    def colour(self) -> str:
        """Badge colour of the category (printed on badges, shown in lists)."""
        return CATEGORY_COLOURS[self.value]


CATEGORY_COLOURS = {
    "delegate": "#0b5d4b",
    "expert": "#1f4e9c",
    "observer": "#6b6b6b",
    "media": "#b3541e",
    "staff": "#7a1f5c",
    "guest": "#9a7b00",
}


class Status(LabelledEnum):
    PENDING = "pending"  # waits for the organiser's approval; holds no place
    CONFIRMED = "confirmed"  # holds a place
    WAITLISTED = "waitlisted"  # waits for a place, in order
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @_once
    def _labels(cls):
        return {
            "pending": _l("Awaiting approval"),
            "confirmed": _l("Confirmed"),
            "waitlisted": _l("On the waiting list"),
            "rejected": _l("Not accepted"),
            "cancelled": _l("Cancelled"),
        }


class Mode(LabelledEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"

    @_once
    def _labels(cls):
        return {"in_person": _l("In person"), "remote": _l("Remotely")}


class ListVisibility(LabelledEnum):
    NOBODY = "nobody"
    PARTICIPANTS = "participants"
    PUBLIC = "public"

    @_once
    def _labels(cls):
        return {
            "nobody": _l("Nobody (only the organisers)"),
            "participants": _l("Other participants of the event"),
            "public": _l("Everyone (public list)"),
        }


class ReportNaming(LabelledEnum):
    NAME = "name"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"

    @_once
    def _labels(cls):
        return {
            "name": _l("By my name and organisation"),
            "organisation": _l("By my organisation only"),
            "anonymous": _l("Anonymously"),
        }


class QuestionKind(LabelledEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    YES_NO = "yes_no"
    CHOICE = "choice"

    @_once
    def _labels(cls):
        return {
            "text": _l("Short answer"),
            "long_text": _l("Long answer"),
            "yes_no": _l("Yes or no"),
            "choice": _l("One choice from a list"),
        }
