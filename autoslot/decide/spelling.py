"""When one attribute name looks like a slip for another: pure functions over
two names, with no knowledge of the project.

Each rule names the kind of slip, so a report can say why two names were
paired. The rules were tuned on the standard library and the realworld
corpus (bench/results/typo-suspects.md): every pairing that turned out to be
deliberate there is excluded by one of the conditions below, and each
condition says which kind of deliberate pair it keeps apart.
"""

from __future__ import annotations

import re

# Endings that turn one word into a related one (`count`/`counter`,
# `start`/`started`, `item`/`items`): two names that differ by one of them
# are two attributes, not a slip.
SUFFIXES = frozenset(
    {"s", "es", "d", "ed", "r", "er", "ers", "ing", "ion", "ions", "ly", "al", "ity"}
)
VOWELS = frozenset("aeiou")
WORD = re.compile(r"_+|(?<=[a-z0-9])(?=[A-Z])")


def words(name: str) -> list[str]:
    """`exposureTime`, `exposure_time` and `_exposure__time` -> exposure, time."""
    return [w for w in WORD.split(name.strip("_")) if w]


def _lower_words(name: str) -> list[str]:
    return [w.lower() for w in words(name)]


def _related_forms(short: str, long: str) -> bool:
    """`count`/`counters`, `item`/`items`: one word and an inflection of it."""
    return long.startswith(short) and long[len(short) :] in SUFFIXES


def _one_slip(a: str, b: str) -> str | None:
    """One character replaced, inserted or dropped, or two neighbours swapped.

    A replaced first letter is not a slip (`reader`/`header`, `mode`/`node`
    are different words far more often than mistyped ones), nor a replaced
    digit (`point1`/`point2` are numbered siblings).
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            (at,) = differ
            if at == 0 or a[at].isdigit() or b[at].isdigit():
                return None
            return "one letter replaced"
        if (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        ):
            return "two letters swapped"
        return None
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    for at in range(len(longer)):
        if longer[:at] + longer[at + 1 :] == shorter:
            if longer[at].isdigit():
                return None  # `item`/`item2`
            return "one letter dropped" if longer is b else "one letter added"
    return None


def _inner_letter_dropped(a: str, b: str) -> str | None:
    """`tme` for `time`, `vale` for `value`: a letter left out between the
    first and the last, which keep their place."""
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1 or (short[0], short[-1]) != (long[0], long[-1]):
        return None
    if any(long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 1)):
        return "one letter dropped" if short == a else "one letter added"
    return None


def _word_slip(a: str, b: str, shortest: int) -> str | None:
    """A slip in a word (or a whole name) of `shortest` letters or more. In
    shorter ones too many real words are a letter apart (`is`/`in`,
    `min`/`max`, `get`/`set`) for a replaced or swapped letter to mean
    anything; a letter left out inside (`tme` for `time`) still does."""
    if min(len(a), len(b)) >= shortest:
        return _one_slip(a, b)
    if min(len(a), len(b)) >= 3:
        return _inner_letter_dropped(a, b)
    return None


def _abbreviation(a: str, b: str) -> str | None:
    """One word shortened (`exp` for `exposure`, `msg` for `message`).

    A prefix counts when it leaves out more than an inflection (`start` is
    not short for `started`); a consonant skeleton (`msg`, `cnt`, `usr`)
    when it keeps the first letter and drops only letters in between.
    """
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < 2 or len(long) - len(short) < 2 or short[0] != long[0]:
        return None
    if long.startswith(short):
        return None if _related_forms(short, long) else "abbreviated"
    if len(short) > 4 or any(c in VOWELS for c in short[1:]):
        return None
    remaining = iter(long)
    if all(c in remaining for c in short):
        return "abbreviated"
    return None


LEADING_UNDERSCORE = "a leading underscore more or less"


def _variant(a: str, b: str) -> str | None:
    """The same name but for case or underscores: the kind of variant, ""
    when the names are variants of a kind that is no slip, None when they are
    not variants at all.

    A leading underscore more or less counts only with the rest spelled
    exactly the same (`_total`/`total`); with the case changed too
    (`_Listener`/`listener`) it names another thing.
    """
    lead_a, lead_b = len(a) - len(a.lstrip("_")), len(b) - len(b.lstrip("_"))
    if lead_a == lead_b:
        if a.lower() == b.lower():
            return "spelled with other case"
        if a.replace("_", "").lower() == b.replace("_", "").lower():
            return "spelled with other underscores"
        return None
    if a.lstrip("_") == b.lstrip("_"):
        return LEADING_UNDERSCORE
    if a.replace("_", "").lower() == b.replace("_", "").lower():
        return ""
    return None


def misspelling(written: str, other: str) -> str | None:
    """Why `written` looks like a slip for `other` (a few words), or None.

    Names are compared as written in the source (private names unmangled).
    Spelled the same but for case or underscores (`userName`, `user_name`,
    `username`; `_total` for `total`): a variant. Word by word
    (`exp_time` for `exposure_time`, `usr_id` for `user_id`): exactly one
    word differs, by abbreviation or by one slipped letter in words of four
    letters or more. Whole names (`recieve` for `receive`): one slipped
    letter in names of five letters or more. Plurals and other inflections
    are never slips, nor are names that differ only in a number.
    """
    if written == other:
        return None
    variant = _variant(written, other)
    if variant is not None:
        return variant or None
    a, b = _lower_words(written), _lower_words(other)
    if len(a) == len(b) and len(a) > 1:
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differing) != 1:
            return None
        x, y = differing[0]
        if x.isdigit() or y.isdigit():
            return None
        short, long = sorted((x, y), key=len)
        if _related_forms(short, long):
            return None
        return _abbreviation(x, y) or _word_slip(x, y, 4)
    whole_a, whole_b = "_".join(a), "_".join(b)
    short, long = sorted((whole_a, whole_b), key=len)
    if _related_forms(short, long):
        return None
    return _word_slip(whole_a, whole_b, 5)
