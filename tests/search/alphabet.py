"""The characters the folding rule covers, for property tests: Basic Latin, Latin-1, Latin
Extended-A, Latin Extended Additional, Arabic with its marks and presentation forms, the spaces
and invisible marks pasted text carries (assigned characters only, never NUL)."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x1E00, 0x1EFF),
    (0x0600, 0x06FF),
    (0x08D3, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x2000, 0x206F),
)
COVERED = [
    chr(code)
    for first, last in _RANGES
    for code in range(first, last + 1)
    if unicodedata.category(chr(code)) not in ("Cn", "Cs", "Co")
] + list("\t\n\r\x0b\x0c\x1c\x1f\x85")

# Arabic words as people type them: letters with harakat, tatweel and hamza forms, often.
ARABIC_TYPED = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىةٱـ ًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩")

covered_text = st.one_of(
    st.text(alphabet=st.sampled_from(COVERED), max_size=40),
    st.text(alphabet=st.sampled_from(ARABIC_TYPED), max_size=40),
)
