"""The short messages the scheduler sends by WhatsApp and SMS, in Spanish and English.

A WhatsApp message that a business starts must be a template registered with Meta beforehand: `TEMPLATES` holds each
template's body as it must be registered (docs/messaging.md), with its numbered parameters; the scheduler sends only
the parameters. An SMS is the same body written out, fitted into at most `SMS_SEGMENTS` segments: letters GSM-7 cannot
carry (á, í, ó, ú, «») are written without their accent, so a Spanish text keeps 160 characters a segment (153 in a
message of several) instead of 70 (67); the session's title and venue are shortened ("...") when the whole would not
fit, never the day, the time or the link.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from babel.dates import format_date, format_time

from tracker.domain.names import one_line
from tracker.mail.texts import language

#: Each template's body, with its parameters {{1}}, {{2}}, ... in the order the scheduler sends them.
TEMPLATES: dict[str, dict[str, str]] = {
    "es": {
        "reminder": "Hola, {{1}}: le recordamos la sesión «{{2}}» del {{3}}, el {{4}}, en {{5}}. {{6}}",
        "feedback": "Hola, {{1}}: el {{2}} respondió a su aporte {{3}}. Decisión: {{4}}. {{5}}",
        "milestone": "Hola, {{1}}: el hito «{{2}}» del compromiso «{{3}}» vence el {{4}}. Reporte su avance a la "
                     "secretaría técnica del {{5}}.",
        "report": "Hola, {{1}}: no se reportó avance del compromiso «{{2}}» entre el {{3}} y el {{4}}. Reporte su "
                  "avance a la secretaría técnica del {{5}}.",
    },
    "en": {
        "reminder": "Hello {{1}}: a reminder of the session “{{2}}” of the {{3}}, on {{4}}, at {{5}}. {{6}}",
        "feedback": "Hello {{1}}: the {{2}} answered your contribution {{3}}. Decision: {{4}}. {{5}}",
        "milestone": "Hello {{1}}: the milestone “{{2}}” of the commitment “{{3}}” is due on {{4}}. Please report "
                     "its progress to the technical secretariat of the {{5}}.",
        "report": "Hello {{1}}: no progress of the commitment “{{2}}” was reported between {{3}} and {{4}}. Please "
                  "report its progress to the technical secretariat of the {{5}}.",
    },
}
#: What a message says when there is no link (no site URL configured): a template's parameter may not be empty.
NO_LINK = {"es": "Consulte a la secretaría técnica.", "en": "Ask the technical secretariat."}
#: A reminder by SMS fits in at most this many segments.
SMS_SEGMENTS = 2
#: A WhatsApp template's parameter: one line, at most this many characters.
PARAMETER_LIMIT = 200
#: The GSM 03.38 default alphabet (one septet each) and its extension table (two septets each: escape + char).
GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
        "¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = "^{}\\[~]|€"
_PUNCTUATION = {"«": "\"", "»": "\"", "“": "\"", "”": "\"", "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


def short_when(moment: Any, lang: str) -> str:
    """A local instant, short: 'jue 10 dic 2026, 15:00' or 'Thu 10 Dec 2026, 15:00'. Already in the forum's zone."""
    lang = language(lang)
    return f"{format_date(moment.date(), 'EEE d MMM yyyy', locale=lang)}, {format_time(moment, 'HH:mm', locale=lang)}"


def parameter(text: str) -> str:
    """A template parameter: one line, no run of spaces, at most PARAMETER_LIMIT characters."""
    text = " ".join(one_line(text).split())
    return text if len(text) <= PARAMETER_LIMIT else text[:PARAMETER_LIMIT - 3].rstrip() + "..."


def body(template: str, lang: str, parameters: tuple[str, ...]) -> str:
    """The template's body with its parameters filled in (what a WhatsApp reader sees; an SMS before fitting)."""
    text = TEMPLATES[language(lang)][template]
    for i, value in reversed(list(enumerate(parameters, start=1))):
        text = text.replace("{{" + str(i) + "}}", value)
    return text


def gsm7(text: str) -> str:
    """The text in the GSM-7 alphabet: typographic quotes and dashes made plain, accents GSM-7 lacks dropped (á -> a),
    anything else it cannot carry made '?'."""
    out = []
    for c in text:
        c = _PUNCTUATION.get(c, c)
        if all(ch in GSM7 or ch in GSM7_EXTENDED for ch in c):
            out.append(c)
            continue
        bare = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
        out.append(bare if bare and all(ch in GSM7 for ch in bare) else "?")
    return "".join(out)


def septets(text: str) -> int:
    """How many septets a GSM-7 text takes (an extension character takes two)."""
    return sum(2 if c in GSM7_EXTENDED else 1 for c in text)


def segments(text: str) -> int:
    """How many SMS segments the text takes: GSM-7 160 (153 each when several), else UCS-2 70 (67 each)."""
    if all(c in GSM7 or c in GSM7_EXTENDED for c in text):
        size, single, multi = septets(text), 160, 153
    else:
        size, single, multi = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if size <= single else -(-size // multi)


def sms(template: str, lang: str, parameters: tuple[str, ...], shorten: tuple[int, ...]) -> str:
    """The template's body as an SMS of at most SMS_SEGMENTS GSM-7 segments: the parameters at the (0-based)
    positions `shorten` are cut ("...") as much as needed, longest first."""
    values = [gsm7(p) for p in parameters]
    while True:
        text = gsm7(body(template, lang, tuple(values)))
        if segments(text) <= SMS_SEGMENTS:
            return text
        cuttable = [i for i in shorten if len(values[i]) > 8]
        if not cuttable:
            return _cut(text, 153 * SMS_SEGMENTS)
        longest = max(cuttable, key=lambda i: len(values[i]))
        values[longest] = values[longest][:max(len(values[longest]) - 10, 5)].rstrip() + "..."


def _cut(text: str, limit: int) -> str:
    while septets(text) > limit:
        text = text[:-4] + "..."
    return text
