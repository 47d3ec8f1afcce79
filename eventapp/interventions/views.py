"""The interventions blueprint as the app registers it (`views.bp`): the routes of participants
and the public (views_participants) and of those who run a session (views_console)."""

from eventapp.interventions import public, views_console, views_participants
from eventapp.interventions.blueprint import bp

# The view modules are imported for their routes, which they add to bp; public for its
# receivers of the signals other capabilities send (eventapp.signals).
__all__ = ["bp", "public", "views_console", "views_participants"]
