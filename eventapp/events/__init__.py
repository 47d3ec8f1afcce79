"""Events: the event, its days, the organisations taking part, objectives and expected outputs,
the organisers' screens and public page, and the event's content version (content_version.py:
the one listener that notices any change to what an event shows, for every cache and ETag)."""
