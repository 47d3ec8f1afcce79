"""Participant registration: settings, capacity and waitlist, invitations, check-in, badges.
Its public form and e-mails are kept per content version of the event (core's
eventapp/content_versions.py); registration/models.py adds the form's settings, day limits and
questions to what that version tracks."""
