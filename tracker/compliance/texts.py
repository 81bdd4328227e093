"""The checks' questions and explanations, in English and Spanish.

An explanation is a list of messages (a key and its values); `render` writes it in a language. Values that
are enumerations (sectors, frequencies, OGP values) are translated; dates are written out in the language.
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from tracker.compliance.check import Message
from tracker.compliance.messages import MESSAGES

LANGUAGES = ("en", "es")

QUESTIONS: dict[str, tuple[str, str]] = {
    "1.1": ("Does a forum exist?", "¿Existe un foro?"),
    "1.2": ("Is the forum multi-stakeholder?", "¿El foro es multiactor?"),
    "1.3": ("Does the forum hold at least one meeting with civil society and non-governmental stakeholders during "
            "the co-creation of the action plan?",
            "¿El foro celebra al menos una reunión con la sociedad civil y actores no gubernamentales durante la "
            "co-creación del plan de acción?"),
    "1.4": ("Has the action plan been endorsed by the stakeholders of the forum or steering committee/group?",
            "¿El plan de acción fue aprobado por los actores del foro o del comité/grupo coordinador?"),
    "2.1": ("Does the government maintain a Local OGP website or webpage on a government website where information "
            "on the OGP Local process (co-creation and implementation) is proactively published?",
            "¿El gobierno mantiene un sitio o página web de OGP Local en un sitio del gobierno donde se publica "
            "proactivamente información sobre el proceso OGP Local (co-creación e implementación)?"),
    "2.2": ("Did the government provide information to stakeholders in advance to facilitate informed and prepared "
            "participation in the co-creation process?",
            "¿El gobierno brindó información a los actores con anticipación para facilitar una participación "
            "informada y preparada en el proceso de co-creación?"),
    "2.3": ("Did the government ensure that any interested member of the public could make inputs into the action "
            "plan and observe or have access to decision-making documentation?",
            "¿El gobierno aseguró que cualquier persona interesada pudiera hacer aportes al plan de acción y "
            "observar o acceder a la documentación de la toma de decisiones?"),
    "2.4": ("Did the government proactively report back or provide written feedback to stakeholders on how their "
            "contributions were considered during the creation of the action plan?",
            "¿El gobierno informó proactivamente o dio una respuesta escrita a los actores sobre cómo se "
            "consideraron sus aportes durante la elaboración del plan de acción?"),
    "2.5": ("Was there an iterative dialogue and shared ownership between government and non-governmental "
            "stakeholders during the decision making process, including setting the agenda?",
            "¿Hubo un diálogo iterativo y apropiación compartida entre el gobierno y los actores no gubernamentales "
            "durante la toma de decisiones, incluida la definición de la agenda?"),
    "2.6": ("Would you consider the forum to be inclusive and diverse?",
            "¿Considera que el foro es inclusivo y diverso?"),
    "3.1": ("Is the commitment verifiable?", "¿El compromiso es verificable?"),
    "3.2": ("Does the commitment language/activities clearly justify relevance to OGP values?",
            "¿El lenguaje o las actividades del compromiso justifican claramente su relevancia para los valores "
            "de OGP?"),
    "3.3": ("Please select one option that best describes the commitment",
            "Seleccione la opción que mejor describe el compromiso"),
    "3.4": ("Please select one option that best describes the commitment (potential)",
            "Seleccione la opción que mejor describe el compromiso (potencial)"),
    "3.5": ("Are there any recommended changes to the design of the commitment to help improve its implementation?",
            "¿Se recomiendan cambios en el diseño del compromiso para mejorar su implementación?"),
    "S.cadence": ("The forum meets as its own rule says", "El foro se reúne como su propia regla lo establece"),
    "S.six_months": ("The forum meets at least every six months (OGP standards, minimum requirement 1.1)",
                     "El foro se reúne al menos cada seis meses (estándares de OGP, requisito mínimo 1.1)"),
    "S.alternates": ("Every member organization has a primary and an alternate representative",
                     "Cada organización miembro tiene un representante titular y uno alterno"),
    "S.implementation": ("During implementation, at least two meetings a year with civil society (OGP standards, "
                         "minimum requirement 5.1)",
                         "Durante la implementación, al menos dos reuniones al año con la sociedad civil "
                         "(estándares de OGP, requisito mínimo 5.1)"),
    "S.response_time": ("Contributions answered promptly", "Aportes respondidos con prontitud"),
    "S.end_assessment": ("Each commitment is assessed at its end within a month of its complete implementation",
                         "Cada compromiso se evalúa al final dentro del mes siguiente a su implementación completa"),
}

WORDS: dict[str, tuple[str, str]] = {
    "government": ("government", "gobierno"), "civil_society": ("civil society", "sociedad civil"),
    "academia": ("academia", "academia"), "private_sector": ("private sector", "sector privado"),
    "youth": ("youth", "juventud"), "media": ("media", "medios"), "other": ("other", "otro"),
    "monthly": ("monthly", "mensual"), "bimonthly": ("bimonthly", "bimestral"),
    "quarterly": ("quarterly", "trimestral"), "semiannual": ("semiannual", "semestral"),
    "transparency": ("transparency", "transparencia"),
    "civic_participation": ("civic participation", "participación ciudadana"),
    "public_accountability": ("public accountability", "rendición de cuentas"),
    "technology_and_innovation": ("technology and innovation", "tecnología e innovación"),
    "substantial": ("substantial", "sustancial"), "modest": ("modest", "modesto"), "unclear": ("unclear", "incierto"),
}
#: Values with these names are enumerations, translated through WORDS.
TRANSLATED = frozenset({"frequency", "values", "irm", "sector", "sectors"})



class PluralFormatter(string.Formatter):
    """A `string.Formatter` that also picks a word by number: `{n:singular|plural}`.

    A field whose format spec contains "|" renders the text before the "|" when its value is the number one
    (the display text "1" or the int 1) and the text after it otherwise: English and Spanish both use the
    plural for 0, 2, 12 or 1,5. So `"{n} {n:session was|sessions were} held"` reads "1 session was held" and
    "2 sessions were held". Any other field formats as `str.format` would, so a template without such specs
    renders exactly as before. The spec's text is written as is (no nested fields, no "{" or "}").
    """

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            singular, plural = format_spec.split("|", 1)
            return singular if is_one(value) else plural
        return super().format_field(value, format_spec)


def is_one(value: Any) -> bool:
    """Whether a value is the number one, as a display text ("1") or an int (not True)."""
    return (isinstance(value, int) and not isinstance(value, bool) and value == 1) or value == "1"


#: The one formatter for explanations (`message`) and evidence summaries (`summaries.summary`).
FORMATTER = PluralFormatter()


def fill(template: str, values: Mapping[str, Any]) -> str:
    """A template filled in with `FORMATTER` (`{n:singular|plural}` picks a word by number)."""
    return FORMATTER.vformat(template, (), values)


def _word(value: Any, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_word(v, lang) for v in value)
    pair = WORDS.get(str(value))
    return pair[LANGUAGES.index(lang)] if pair else str(value)


def _value(name: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, date):  # written out as people read a date: "30 de noviembre de 2025"
        return format_date(value, "long", locale=lang)
    if name in TRANSLATED:
        return _word(value, lang)
    if isinstance(value, (list, tuple)):  # names and titles, as written
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format_decimal(value, locale=lang)
    return str(value)


def message(key: str, values: dict[str, Any], lang: str) -> str:
    """One message in a language."""
    template = MESSAGES[key][LANGUAGES.index(lang)]
    return fill(template, {name: _value(name, v, lang) for name, v in values.items()})


def render(reasons: list[Message], lang: str) -> str:
    """An explanation in a language: its messages, one after the other."""
    return " ".join(message(key, values, lang) for key, values in reasons)


def question(check_id: str, lang: str) -> str:
    """The question a check answers (a commitment's 3.<n>.<k> asks 3.<k>'s)."""
    key = f"3.{check_id.rsplit('.', 1)[1]}" if check_id.startswith("3.") else check_id
    return QUESTIONS[key][LANGUAGES.index(lang)]
