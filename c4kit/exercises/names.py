"""Matching the names a learner writes with the names a task expects.

Learners spell things their own way: "E-mail service", "Email Service",
"the email service", "Emails".  None of that is what an exercise is about, so
names are compared after :func:`normalise`, which ignores case, accents,
spacing and punctuation, a leading "the", a plural "s" and the ``(x3)`` replica
marker a deployment view adds.  Tasks add synonyms for names that really
differ ("Shop DB" for "Shop Database" is handled here; "Card payments" for
"Payment Provider" is the task's business).

A near miss ("Paymnet Provider") is accepted too, but reported as a
spelling tip, so the learner is neither blocked by a typo nor left with one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

#: Words that are spelled two ways often enough to fold them before comparing.
_ABBREVIATIONS = {"db": "database", "dbs": "database", "svc": "service", "api": "api", "ui": "ui"}
_REPLICAS = re.compile(r"\(\s*x\s*\d+\s*\)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
#: Below this similarity (0..1) two normalised names are different names, not a typo.
TYPO_RATIO = 0.85
#: Names shorter than this (normalised) must match exactly: "API" and "APP" are not a typo apart.
TYPO_MIN_LENGTH = 6


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The comparable words of a name, in order (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    folded = _REPLICAS.sub("", folded).replace("&", " and ").replace("e-mail", "email")
    found = [_singular(_ABBREVIATIONS.get(w, w)) for w in _WORD.findall(folded)]
    if len(found) > 1 and found[0] == "the":
        found = found[1:]
    return found


def normalise(text: str) -> str:
    """One comparable key: ``"The E-mail Services"`` and ``"email service"`` give the same one."""
    return "".join(words(text))


def same_name(a: str, b: str) -> bool:
    """True when two names are the same after :func:`normalise` (and not empty)."""
    key = normalise(a)
    return bool(key) and key == normalise(b)


def similarity(a: str, b: str) -> float:
    """How alike two names are after normalising, from 0 to 1."""
    ka, kb = normalise(a), normalise(b)
    if not ka or not kb:
        return 0.0
    return difflib.SequenceMatcher(None, ka, kb).ratio()


def is_typo_of(written: str, expected: str) -> bool:
    """True when ``written`` is probably a misspelling of ``expected`` (not equal, but very close)."""
    ka, kb = normalise(written), normalise(expected)
    if ka == kb or min(len(ka), len(kb)) < TYPO_MIN_LENGTH:
        return False
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= TYPO_RATIO


def matches_any(text: str, names: Iterable[str]) -> bool:
    """True when ``text`` is the same name as any of ``names``."""
    return any(same_name(text, n) for n in names)


def mentions(text: str, phrase: str) -> bool:
    """True when ``text`` contains the words of ``phrase`` in a row, each as a word or a word's start.

    ``mentions("Takes card payments", "pay")`` is true: task authors give word
    stems ("publish", "pay") so that "publishes", "published" and "payments"
    all count.
    """
    needle, hay = words(phrase), words(text)
    if not needle:
        return False
    n = len(needle)
    return any(all(h.startswith(w) for h, w in zip(hay[i:i + n], needle)) for i in range(len(hay) - n + 1))
