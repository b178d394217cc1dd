"""The natural key of a recommendation's text: the same words in one Review are one recommendation."""

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def normalise_text(text):
    """NFKC, unified quotes and dashes, collapsed white space, casefolded, no end punctuation."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip().casefold()
    return text.rstrip(" .;,")


def text_key(text):
    """SHA-256 (hex) of the normalised text, stored in ``Recommendation.text_key``."""
    return key_of_normalised(normalise_text(text))


def key_of_normalised(normalised):
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def match_key(text):
    """Letters and digits only, casefolded: the same recommendation in a UPR Info export and an OHCHR
    matrix, whatever the spacing ("toarticle8" in a Word table), quotes or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(char for char in text if char.isalnum())
