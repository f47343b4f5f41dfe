"""Bounds on curated input and the text every later stage can carry.

A data file is refused before it can make the build slow or big: its size, its nesting depth,
its number of records and the length of each text are bounded, and YAML anchors and aliases
(which can expand a few hundred bytes into billions of nodes) are not used in curated data.
Text is refused when an export could not carry it: control characters other than tab and
newline, unpaired surrogates; ids, labels and aliases must be NFC-normalised so that names
compare equal when they look equal.

>>> text_problem("scGPT", "label")
>>> text_problem("a\\x00b", "description")
'contains the control character U+0000 at position 2'
>>> text_problem("Cafe\\u0301", "label")
'is not NFC-normalised (the same text has another encoding that compares differently)'
"""

from __future__ import annotations

import re
import unicodedata

MAX_FILE_BYTES = 4_000_000        # the largest curated file today is about 0.3 MB
MAX_DEPTH = 20                    # records nest five levels deep today
MAX_TEXT = 20_000                 # characters in one value; the longest today is under 1,000
MAX_RECORDS_PER_FILE = 20_000     # the longest list today holds under 1,000 records
MAX_FILES_PER_KIND = 20_000

NFC_FIELDS = frozenset({"id", "label", "aliases"})   # where names are compared


# what no export can carry: control characters but tab and newline, the C1 range, the two
# noncharacters U+FFFE/U+FFFF, and (unpaired) surrogates; searched in C, not per character in Python
_UNCARRIED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def text_problem(value: str, field: str) -> str | None:
    """Why `value` cannot be carried by every export (None when it can)."""
    found = _UNCARRIED.search(value)
    if found is not None:
        code, at = ord(found.group()), found.start() + 1
        if 0xD800 <= code <= 0xDFFF:
            return f"contains an unpaired surrogate U+{code:04X} at position {at}"
        return f"contains the control character U+{code:04X} at position {at}"
    if field in NFC_FIELDS and not unicodedata.is_normalized("NFC", value):
        return "is not NFC-normalised (the same text has another encoding that compares differently)"
    return None


def normalise_source(text: str) -> str:
    """The text of a data file with benign variation removed: a byte-order mark, CRLF or CR line
    endings and spaces at the end of lines give the same records as the plain file."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))
