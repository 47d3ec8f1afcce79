"""Participant registration: settings, capacity and waitlist, invitations, check-in, badges."""
