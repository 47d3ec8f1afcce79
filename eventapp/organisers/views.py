"""The organisers blueprint as the app registers it (`views.bp`): the staff's pages
(views_manage) and the public page (views_public)."""

from eventapp.organisers import views_manage, views_public
from eventapp.organisers.blueprint import bp

# The view modules are imported for their routes, which they add to bp.
__all__ = ["bp", "views_manage", "views_public"]
