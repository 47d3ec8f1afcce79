"""What a person typed, checked for registration: the refusal (RegistrationError, with the field
it concerns), the e-mail address normalised, text trimmed, the answers to the event's questions.

Every module of the package refuses with RegistrationError.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from eventapp.common import DomainError
from eventapp.registration.models import Question, QuestionKind


class RegistrationError(DomainError):
    """A refusal of the registration rules; `duplicate` marks an e-mail already registered."""

    def __init__(self, message: str, field: str | None = None, *, duplicate: bool = False):
        super().__init__(message, field)
        self.duplicate = duplicate


class AlreadyRegistered(RegistrationError):
    """A public sign-up with an e-mail that already holds a registration for the event.

    Not shown to the visitor (that would tell anyone who registered): the view answers as for
    a new sign-up and mails `registration_id`'s owner their personal link."""

    def __init__(self, registration_id: int):
        super().__init__(_("This e-mail address is already registered for this event."), "email")
        self.registration_id = registration_id


def normalise_email(value: str) -> str:
    try:
        return validate_email((value or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise RegistrationError(_("This e-mail address is not valid."), "email") from error


def clean_text(value):
    return (value.strip() or None) if isinstance(value, str) else value


def clean_answers(questions: list[Question], answers: dict) -> dict:
    """The answers to `questions` (the event's) as kept; refuses a missing or invalid one."""
    cleaned = {}
    for question in questions:
        value = answers.get(str(question.id))
        if isinstance(value, str):
            value = value.strip()
        if question.kind == QuestionKind.YES_NO:
            value = {"y": "yes", "n": "no"}.get(value, value) if value else ""
            if value and value not in ("yes", "no"):
                raise RegistrationError(_("Answer yes or no."), f"q_{question.id}")
        choices = [v for v, _label in question.choices("ar")]
        if question.kind == QuestionKind.CHOICE and value and value not in choices:
            raise RegistrationError(_("Choose one of the answers offered."), f"q_{question.id}")
        if question.required and not value:
            raise RegistrationError(_("This question needs an answer."), f"q_{question.id}")
        if value:
            cleaned[str(question.id)] = value[:4000]
    return cleaned
