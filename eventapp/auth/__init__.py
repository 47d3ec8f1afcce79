"""Accounts and who may do what: sign-in, passwords and sessions and their revocation, per-event
roles, the permission helpers (permissions.py: they ask the events layer what they need of it,
and eventapp/events/answers.py answers) and the access rule of every route (access_rules.py)."""
