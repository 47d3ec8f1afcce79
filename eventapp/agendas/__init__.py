"""The public agenda: agenda pages, speakers and organisations, personal agendas, iCalendar,
the agenda PDF, the organisers' conflicts view, and the change tracking that keys its caches."""
