"""The form of an event's certificate settings: attendance rule and up to two signatories."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, NumberRange, Optional

from eventapp.inputs import BoundedIntegerField
from eventapp.versions import VersionedForm


def _text(label):
    return StringField(label, validators=[Optional(), Length(max=200)])


class CertificateSettingsForm(VersionedForm, FlaskForm):
    min_percent_days = BoundedIntegerField(
        _l("Minimum attendance (% of the event's days)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100, message=_l("A percentage is between 1 and 100.")),
        ],
        description=_l(
            "Empty: anyone who checked in at least once. For example 75: three days of four."
        ),
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )
    signatory1_name_ar = _text(_l("First signatory: name in Arabic"))
    signatory1_name_en = _text(_l("First signatory: name in English"))
    signatory1_title_ar = _text(_l("First signatory: title in Arabic"))
    signatory1_title_en = _text(_l("First signatory: title in English"))
    signatory2_name_ar = _text(_l("Second signatory: name in Arabic"))
    signatory2_name_en = _text(_l("Second signatory: name in English"))
    signatory2_title_ar = _text(_l("Second signatory: title in Arabic"))
    signatory2_title_en = _text(_l("Second signatory: title in English"))
