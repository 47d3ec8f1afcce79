"""The audit trail (core): who changed what, when, with the old and new values.

Capabilities declare which of their models are audited with `track(Model, "entity", ...)`
(next to the model, which knows its secrets); one `after_flush` listener then writes an entry
for every tracked row inserted, updated or deleted, with the same connection and so in the
same transaction as the change: a rolled-back change leaves no entry. Actions that change no
row (an export of personal data) are written with `record(...)`; rows changed by a Core
UPDATE (the version-checked saves of outcomes) with `snapshot` and `record_update`.

Never written: password hashes, tokens, personal-link versions, check-in codes, session
versions (refused by name even if a model lists them), nor the personal record of a
registration: it is referred to by id, so erasing it leaves no name or address in the trail.
"""

from eventapp.audit.recording import (
    HIDDEN,
    acting_as,
    itself,
    record,
    record_update,
    register,
    snapshot,
    track,
    via,
)

__all__ = [
    "HIDDEN",
    "acting_as",
    "itself",
    "record",
    "record_update",
    "register",
    "snapshot",
    "track",
    "via",
]
