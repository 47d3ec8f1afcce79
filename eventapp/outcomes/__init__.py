"""Outcomes: session and event outcomes, recommendations followed up, their PDF reports."""
