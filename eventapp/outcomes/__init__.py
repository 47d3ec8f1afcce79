"""Outcomes: what the sessions and the event produced (summaries, points of consensus,
decisions, recommendations, next steps), written, approved and published; the follow-up of
recommendations after the event; and their PDF reports.

The domain, by aggregate: ``session_outcomes`` (a session's outcome and its approval),
``event_outcomes`` (the event's outcome, its goals assessed and days summed up), ``items``
(recommendations and next steps under an outcome), ``revisions`` (saving against lost updates,
the history), ``followup`` (numbering, filtering and following up recommendations; ``exports``
writes them as CSV and XLSX). The reports: ``reportdata`` and ``summarydata`` (plain data for
the two PDFs), ``jobs`` (rendering, in the request or in the background), ``sources`` (the one
door to interventions and registrations, through eventapp.signals). The screens: ``views``
(the blueprint of ``blueprint``, routes in views_outcomes, views_items, views_followup,
views_reports).
"""
