"""The public agenda: agenda pages, speakers and organisations, personal agendas, iCalendar,
the agenda PDF, the organisers' conflicts view and the agenda's ETag/304 answers. Its caches
(eventapp/cache.py) and content version (eventapp/content_versions.py) are core's."""
