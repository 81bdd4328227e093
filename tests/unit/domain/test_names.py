"""Texts as people read them (tracker.domain.names): one-line and multi-line texts, the cleaned form of a name,
and the skeleton names are compared by; and the roster's duplicate check that uses it."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given as for_all
from hypothesis import strategies as st

from events.catalog.forums import OrganizationJoined
from tests.unit import given
from tests.unit.given import NOW
from tracker.domain import forum as rules
from tracker.domain.errors import Conflict
from tracker.domain.names import (
    EMPTY,
    clean,
    has_letters,
    multi_line_problem,
    one_line_problem,
    same_name,
    skeleton,
)

RONDAS = "Asociación de Rondas Campesinas de Cajamarca"

# -- which characters a text may hold -------------------------------------------------------------------


@pytest.mark.parametrize("character", ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"])
def test_a_one_line_text_refuses_every_control_character_and_line_break(character):
    problem = one_line_problem(f"Sesión{character}ordinaria")
    assert problem is not None and f"U+{ord(character):04X}" in problem and "single line" in problem


@pytest.mark.parametrize("character", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                       "\u2069"])
def test_a_one_line_text_refuses_bidirectional_embeddings_overrides_and_isolates(character):
    problem = one_line_problem(f"Red{character} Ciudadana")
    assert problem is not None and "bidirectional" in problem


@pytest.mark.parametrize("text", [RONDAS, "Ñandú «Grupo» — 1º de Mayo", "Ana O'Neill-Quispe", "Foro 2026/2027",
                                  "Ана Кіспе", "Ｃａｊａｍａｒｃａ", "Ana\u00a0Quispe"])
def test_a_one_line_text_accepts_what_people_write(text):
    assert one_line_problem(text) is None


def test_a_multi_line_text_keeps_its_line_breaks_and_tabs():
    assert multi_line_problem("Primero:\n\t- agua\r\n- luz\u2028Segundo\u2029Fin") is None


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b"])
def test_a_multi_line_text_refuses_the_other_control_characters(character):
    problem = multi_line_problem(f"a{character}b")
    assert problem is not None and f"U+{ord(character):04X}" in problem


# -- the cleaned form --------------------------------------------------------------------------------------


def test_a_spanish_name_is_stored_as_given():
    assert clean(RONDAS) == RONDAS


@pytest.mark.parametrize(("typed", "stored"), [
    ("  Red\u00a0\u00a0Ciudadana \u3000", "Red Ciudadana"),            # NBSP, ideographic space, ends
    ("Red\u200b Ciu\u00addadana\ufeff", "Red Ciudadana"),              # zero-width space, soft hyphen, BOM
    ("Red\u200d\u200c\u2060 Ciudadana\u200e\u200f\u061c", "Red Ciudadana"),  # joiners, word joiner, marks
    ("Asociacio\u0301n", "Asociación"),                                # NFC: one character, as typed precomposed
    ("1º de Mayo, 2ª etapa", "1º de Mayo, 2ª etapa"),                  # NFC, not NFKC: ordinals stay
    ("\u2800Red\U000e0041", "Red"),                                    # blank Braille pattern, a tag character
])
def test_a_name_is_cleaned_before_it_is_stored(typed, stored):
    assert clean(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "\u00a0", "\u200b", "\u200b\u200d\ufeff", "\u3164", "- . -"])
def test_a_name_without_a_letter_or_digit_names_nothing(typed):
    assert not has_letters(clean(typed))
    assert "letters or digits" in EMPTY


# -- the skeleton -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("alike", [
    RONDAS.upper(),
    RONDAS.replace(" ", "\u00a0"),                       # no-break spaces
    RONDAS.replace("Rondas", "Ron\u200bdas"),            # a zero-width space
    RONDAS.replace("a", "\u0430"),                       # Cyrillic а for every Latin a
    RONDAS.replace("C", "\u0421"),                       # Cyrillic С
    RONDAS.replace("o", "\u03bf"),                       # Greek ο
    "Ａｓｏｃｉａｃｉóｎ de Rondas Campesinas de Cajamarca",  # full-width letters
    "Asociacio\u0301n de Rondas Campesinas de Cajamarca",  # a combining accent
    "  Asociación   de Rondas Campesinas de Cajamarca ",
    "Asociaci\u043e\u0301n de Rondas Campesinas de Cajamarca",  # Cyrillic о under a combining accent
])
def test_a_look_alike_has_the_same_skeleton(alike):
    assert same_name(alike, RONDAS)


@pytest.mark.parametrize("other", [
    "Asociación de Rondas Campesinas de Celendín",
    "Asociacion de Rondas Campesinas de Cajamarca",      # an accent is a difference a reader sees
    "AsociaciónDe Rondas Campesinas de Cajamarca",       # so is a missing space
    "Asociación de Rondas Campesinas",
])
def test_a_different_name_has_another_skeleton(other):
    assert not same_name(other, RONDAS)


def test_digits_and_letters_that_look_alike_are_the_same():
    assert same_name("C0legio de Abogados", "Colegio de Abogados")
    assert same_name("Radio Uno 1", "Radio Uno l")


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@for_all(names)
def test_cleaning_twice_changes_nothing(text):
    assert clean(clean(text)) == clean(text)


@for_all(names)
def test_a_cleaned_name_is_nfc_one_spaced_and_trimmed(text):
    cleaned = clean(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(c.isspace() and c != " " for c in cleaned)


@for_all(names)
def test_a_skeleton_is_its_own_skeleton(text):
    assert skeleton(skeleton(text)) == skeleton(text)


@for_all(names, st.sampled_from(["\u200b", "\u00ad", "\ufeff", "\u2060", "\u200d"]), st.integers(0, 40))
def test_an_invisible_character_anywhere_changes_no_skeleton(text, invisible, at):
    assert skeleton(text[:at] + invisible + text[at:]) == skeleton(text)


@for_all(names)
def test_case_and_full_width_forms_change_no_skeleton(text):
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert skeleton(wide) == skeleton(text)
    assert skeleton(text.upper()) == skeleton(text.lower()) or not text.isascii()


# -- the roster's duplicate check --------------------------------------------------------------------------


@pytest.mark.parametrize("alike", [
    "Red\u00a0Ciudadana", "Red Ciu\u200bdadana", "R\u0435d Ciudadana", "Ｒｅｄ Ｃｉｕｄａｄａｎａ", "RED CIUDADANA",
], ids=["nbsp", "zero_width_space", "cyrillic_e", "full_width", "upper_case"])
def test_an_organization_may_not_join_under_a_look_alike_of_a_members_name(alike):
    with pytest.raises(Conflict, match=r"Red Ciudadana is already a member of this forum \(organization org_cso\)"):
        rules.join(given.forum(), "org_new", rules.JoinForum(alike, "media", date(2026, 2, 1)), NOW)


def test_a_name_stored_before_the_rules_is_compared_by_its_skeleton_too():
    """A stored event is never rewritten: a member stored with a no-break space and odd spacing still blocks
    its look-alikes, and does not block a different name."""
    forum = given.forum(OrganizationJoined("org_odd", "Colegio\u00a0de  Ingenieros ", "academia", "2025-03-01"))
    with pytest.raises(Conflict, match="already a member"):
        rules.join(forum, "org_new", rules.JoinForum("Colegio de Ingenieros", "academia", date(2026, 2, 1)), NOW)
    event = given.only(rules.join(forum, "org_new", rules.JoinForum("Colegio de Arquitectos", "academia",
                                                                    date(2026, 2, 1)), NOW))
    assert event.payload.name == "Colegio de Arquitectos"
