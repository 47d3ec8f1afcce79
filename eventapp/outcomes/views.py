"""The outcomes blueprint as the app registers it (`views.bp`): the outcome of a session and of
the event (views_outcomes), their recommendations and next steps (views_items), the follow-up
of recommendations (views_followup), the organisation's programme of recommendations
(views_programme; its answer to the organisation's public page in programme), the PDFs and
their jobs (views_reports) and the translation checklist (views_translations)."""

from eventapp.outcomes import (
    answers,
    programme,
    views_assembly,
    views_followup,
    views_items,
    views_outcomes,
    views_programme,
    views_reports,
    views_translations,
)
from eventapp.outcomes.blueprint import bp

# The view modules are imported for their routes, which they add to bp; answers and programme
# connect the receivers of the signals other capabilities send.
__all__ = [
    "answers",
    "bp",
    "programme",
    "views_assembly",
    "views_followup",
    "views_items",
    "views_outcomes",
    "views_programme",
    "views_reports",
    "views_translations",
]
