"""The labelled choices of registration: status, who may register, way of attending, who may
see one's name, how reports name one, and the kinds of question."""

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


class MemberLimit(LabelledEnum):
    """Who may register besides what invitations allow: anyone, members of the organiser in
    good standing, or members of some of its membership categories."""

    NONE = "none"
    MEMBERS = "members"
    CATEGORIES = "categories"

    @_once
    def _labels(cls):
        return {
            "none": _l("Anyone"),
            "members": _l("Members of the organisation only"),
            "categories": _l("Members of some membership categories only"),
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


class SignupStatus(LabelledEnum):
    """A participant's place in a session that requires sign-up."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @_once
    def _labels(cls):
        return {
            "confirmed": _l("Signed up"),
            "waitlisted": _l("On the session's waiting list"),
            "cancelled": _l("Sign-up cancelled"),
        }


class Attendance(LabelledEnum):
    """How a participant's presence was recorded: at the door, or by joining remotely."""

    DOOR = "door"
    JOINED = "joined"

    @_once
    def _labels(cls):
        return {"door": _l("Checked in at the door"), "joined": _l("Joined remotely")}


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
