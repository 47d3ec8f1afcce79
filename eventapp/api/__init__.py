"""The read-only JSON API (v1) of published events: the same agenda snapshot as the pages."""
