"""The interventions blueprint as the app registers it (`views.bp`): the routes of participants
and the public (views_participants) and of those who run a session (views_console)."""

from eventapp.interventions import views_console, views_participants
from eventapp.interventions.blueprint import bp

# Imported for their routes, which they add to bp.
__all__ = ["bp", "views_console", "views_participants"]
