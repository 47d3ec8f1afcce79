"""Members: an organiser organisation's roll (person of the directory, membership category,
since / until, status), and the organisation-defined categories. In the directory layer, so
that registration (who may register), outcomes (quorum, minutes) and the organisers' screens
all read the same roll."""
