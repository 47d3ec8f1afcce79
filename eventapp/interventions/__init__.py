"""Interventions: who speaks in a session, in what order, and what was said.

Owns each session's queue of interventions (requests from participants, invitations added by
the organisers), the facilitator's console, the live view, statements, and the record and
figures the session page, the staff report and the outcome reports read. Modules:
queue_state (the queue's lock and history), console_actions, participant_requests,
eligibility (who may ask to speak where, and in which language), reading, history (rows,
figures, speaking time per organisation), privacy; services (one import of all of them for
views, CLI, demo and tests); participants (who is asking: registration answers through
eventapp.signals); public (the answers to other capabilities' signals); blueprint,
views_participants, views_console, views.
"""
