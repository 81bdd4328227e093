"""The explanations exist in English and Spanish alike."""
from __future__ import annotations

import re

from tracker.compliance.messages import MESSAGES
from tracker.compliance.summaries import TEMPLATES
from tracker.compliance.texts import QUESTIONS


def test_every_sentence_names_the_same_values_in_both_languages():
    """Each message and summary has an English and a Spanish version with the same placeholders."""
    for key, (en, es) in {**MESSAGES, **TEMPLATES}.items():
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key
        assert en and es and en != es, key


def test_every_question_is_asked_in_both_languages():
    """Each check's question is there in English and Spanish."""
    assert all(en and es and en != es for en, es in QUESTIONS.values())
