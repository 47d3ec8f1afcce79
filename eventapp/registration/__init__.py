"""Participant registration: settings, capacity and waitlist, invitations, check-in, badges.
Its public form and e-mails are kept per content version of the event (core's
eventapp/content_versions.py); registration/form_models.py adds the form's settings, day limits
and questions to what that version tracks.

The rules are in the module of their aggregate (checks, settings, capacity, organisations,
signup, changes, links, search, figures, invitations, imports, checkin, privacy, notify),
gathered for callers in services.py; the views share the blueprint of views.py. Other
capabilities reach registration through eventapp.signals only (answers.py)."""
