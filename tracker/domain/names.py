"""Texts as people read them: which characters a one-line or a multi-line text may hold, how a name is cleaned
before it is stored, and the key two names are compared by.

Pure functions (no Flask, no marshmallow; the contract's fields call them):

- `one_line_problem(text)` / `multi_line_problem(text)`: why a text may not be stored (a control character, a
  line break in a one-line text, a bidirectional override), or None. A one-line text (a name or a title, which
  is rendered into a heading, a header, a calendar's SUMMARY, a table cell) holds no control character at all:
  no C0 (TAB, LF, CR included) nor DEL, no C1, no LINE or PARAGRAPH SEPARATOR, and no bidirectional embedding,
  override or isolate (U+202A-U+202E, U+2066-U+2069), which would reorder what a reader sees. A multi-line text
  (a contribution, a reasoning, a description) keeps its line breaks (LF, CR, TAB, U+2028, U+2029) and refuses
  the other control characters.
- `clean(text)`: the form stored for a new name: NFC (so a letter typed with a combining accent is stored as the
  same character as the precomposed one), invisible characters removed (zero-width space, joiner and
  non-joiner, word joiner, byte order mark, soft hyphen, the directional marks LRM, RLM and ALM, variation
  selectors, tag characters, Hangul fillers, the blank Braille pattern and every other format character), every
  run of whitespace (NBSP, the typographic spaces and the ideographic space included) made one space, and the
  ends trimmed. What a person typed otherwise stays as typed: "Asociación de Rondas Campesinas de Cajamarca"
  is stored as given. NFC and not NFKC, so that Spanish ordinals ("1º de Mayo", "2ª") are not rewritten to
  "1o", "2a"; compatibility forms are folded in the comparison key instead. `has_letters(text)`: a name or a
  title names something only with a letter or a digit in it, once cleaned (not only spaces or invisibles).
- `skeleton(text)`: the key two names are compared by, so that a name that only *looks* like another is the
  same name: the cleaned text, NFKC and casefolded (full-width letters, ligatures and case folded), then each
  character (decomposed) mapped to its prototype in Unicode's confusables data (UTS #39, as the `confusable_homoglyphs`
  package ships it: a Cyrillic "а" becomes the Latin "a", a Greek "ο" the Latin "o", "0" the letter "O"), then
  NFKC and casefolded again, until nothing changes. `same_name(a, b)` compares two names by it.

A stored event is never rewritten: a name stored before these rules keeps working, since the duplicate check
folds the names from the log and compares their skeletons, whatever form they were stored in.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

#: Control characters no one-line text holds: C0 (TAB, LF and CR too), DEL, C1, LINE and PARAGRAPH SEPARATOR.
_ONE_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Those a multi-line text refuses: the same but TAB, LF, CR, LINE and PARAGRAPH SEPARATOR (its line breaks).
_MULTI_LINE_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidirectional embeddings, overrides and isolates: they reorder the characters a reader sees after them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Characters that show nothing but are not format characters (category Cf, all removed as well): the combining
#: grapheme joiner, Hangul fillers, Khmer inherent vowels, the blank Braille pattern, variation selectors.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
_SPACES = re.compile(r"\s+")

#: Messages of the refusals (English: the API's language; the pages show them as they are).
LINE_BREAK = "must be a single line: it contains a line break or another control character ({code})"
CONTROL = "contains a control character ({code}); only line breaks and tabs are allowed"
BIDI = "contains a bidirectional control character ({code}), which reorders what readers see"
EMPTY = "must contain letters or digits, not only spaces, punctuation or invisible characters"


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def one_line_problem(text: str) -> str | None:
    """Why `text` is not a one-line text (a name, a title), or None: a control character or a line break of any
    kind, or a bidirectional embedding, override or isolate."""
    found = _ONE_LINE_CONTROLS.search(text)
    if found:
        return LINE_BREAK.format(code=_code(found.group()))
    found = _BIDI_CONTROLS.search(text)
    if found:
        return BIDI.format(code=_code(found.group()))
    return None


def multi_line_problem(text: str) -> str | None:
    """Why `text` is not a multi-line text, or None: a control character other than TAB, LF and CR (LINE and
    PARAGRAPH SEPARATOR, also line breaks, are kept)."""
    found = _MULTI_LINE_CONTROLS.search(text)
    if found:
        return CONTROL.format(code=_code(found.group()))
    return None


def is_invisible(character: str) -> bool:
    """Does the character show nothing and is not a space? (Format characters, Cf, and `_INVISIBLE`.)"""
    return character in _INVISIBLE or unicodedata.category(character) == "Cf"


def has_letters(text: str) -> bool:
    """Is there a letter or a digit in `text` (any script)? A name or a title of only spaces, invisible
    characters or punctuation names nothing."""
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def clean(text: str) -> str:
    """The form a name is stored in: NFC, invisible characters removed, whitespace runs one space, trimmed.

    Empty when nothing visible is left (the caller refuses it, as any text without `has_letters`, with `EMPTY`).
    Idempotent. It does not check for
    control characters: `one_line_problem` does, before."""
    text = unicodedata.normalize("NFC", "".join(c for c in text if not is_invisible(c)))
    return _SPACES.sub(" ", text).strip()


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character's prototype, from the confusables data `confusable_homoglyphs` ships.

    That package stores Unicode's confusables.txt (source character -> prototype, one line each) both ways: each
    character with the characters it is confusable with. Each source character has exactly one prototype and a
    prototype is never a source, so the pairs form stars: the prototype is the centre, the one character (or
    sequence) linked to more than one other, or, for a pair alone, the sequence of more than one character, else
    the lower code point (either serves: both then map to it)."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json")
                      .read_text(encoding="utf-8"))
    links: dict[str, set[str]] = {}
    for character, homoglyphs in data.items():
        a = _no_marks(character)
        for homoglyph in homoglyphs:
            b = _no_marks(homoglyph["c"])
            if a and b and a != b:
                links.setdefault(a, set()).add(b)
                links.setdefault(b, set()).add(a)
    prototypes: dict[str, str] = {}
    for a, others in links.items():
        if len(a) != 1 or len(others) != 1:
            continue  # a sequence, or a centre: maps to itself
        (b,) = others
        if len(links[b]) > 1 or len(b) > 1 or (len(b) == 1 and ord(b) < ord(a)):
            prototypes[a] = b
    return prototypes


def _no_marks(text: str) -> str:
    # The data quotes right-to-left characters between directional marks (as confusables.txt displays them).
    return text.replace("\u200e", "").replace("\u200f", "")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def skeleton(text: str) -> str:
    """The key names are compared by: `clean`, NFKC and casefolded, each character mapped to its confusables
    prototype, repeated until it no longer changes; spaces are kept (as one) so words stay words."""
    prototypes = _prototypes()
    key = clean(_fold(clean(text)))
    for _ in range(8):
        # Mapped decomposed, as UTS #39 does, so a look-alike base letter under an accent is mapped too.
        mapped = clean(_fold("".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", key))))
        if mapped == key:
            break
        key = mapped
    return key


def same_name(a: str, b: str) -> bool:
    """Would a reader take `a` and `b` for the same name? (Equal skeletons.)"""
    return skeleton(a) == skeleton(b)


_BREAKING = frozenset({"Cc", "Cs", "Zl", "Zp", "Zs"})


def one_line(text: str | None) -> str:
    """Text from the record as one line, for a header or a one-line value of another format (an e-mail Subject, an
    iCalendar TEXT): every control character (CR, LF, tab, NUL, NEL, ...), Unicode line or paragraph separator,
    odd space and lone surrogate made a space, runs of spaces collapsed to one, none at either end. Format
    characters (zero-width joiners, bidi marks) are kept: they break no line. Names logged before they were
    checked may hold any of these."""
    spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in text or "")
    return _SPACES.sub(" ", spaced).strip()
