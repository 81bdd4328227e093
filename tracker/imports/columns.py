"""The columns of each kind of sheet the secretariat imports, with their Spanish and English headers, and how a
header or a value written by hand is told apart from another (case, accents and spacing aside)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: The kinds of sheet `tracker import` reads.
KINDS = ("roster", "attendance", "contributions")


@dataclass(frozen=True)
class Column:
    """One column of a template: its key, its headers in Spanish and English, whether every row needs a value,
    and what it holds (in English and Spanish, for the templates' instructions and docs/imports.md)."""

    key: str
    es: str
    en: str
    required: bool
    help_en: str
    help_es: str
    #: Other headers spreadsheets kept by hand use for it.
    aliases: tuple[str, ...] = ()

    def header(self, language: str) -> str:
        """The header in `language` ('es' or 'en')."""
        return self.es if language == "es" else self.en


COLUMNS: dict[str, tuple[Column, ...]] = {
    "roster": (
        Column("organization", "organización", "organization", True,
               "The organization's name; an existing one is matched by name",
               "Nombre de la organización; se reconoce una ya inscrita por su nombre"),
        Column("sector", "sector", "sector", False,
               "Required for a new organization: government, civil society, academia, private sector, youth, media "
               "or other",
               "Obligatorio para una organización nueva: gobierno, sociedad civil, academia, sector privado, "
               "juventud, medios de comunicación u otro"),
        Column("joined_on", "fecha de incorporación", "joined on", False,
               "Required for a new organization: the day it joined (2025-03-14 or 14/03/2025)",
               "Obligatoria para una organización nueva: el día en que se incorporó (2025-03-14 o 14/03/2025)"),
        Column("representative", "representante", "representative", True,
               "The representative's full name", "Nombre completo de la persona representante"),
        Column("role", "rol", "role", True, "primary (titular) or alternate (alterno, suplente)",
               "titular o alterno (suplente)"),
        Column("designated_on", "fecha de designación", "designated on", True,
               "The day they were designated", "El día en que fue designada"),
        Column("email", "correo electrónico", "email", False, "Optional", "Opcional", ("correo", "e-mail")),
        Column("phone", "teléfono", "phone", False, "Optional", "Opcional", ("celular", "móvil", "mobile")),
        Column("gender", "género", "gender", False, "Optional: female, male, other or undisclosed",
               "Opcional: mujer, hombre, otro o prefiere no decir"),
        Column("minor", "menor de edad", "minor", False, "yes for a minor (empty: no)",
               "sí si es menor de edad (vacío: no)"),
        Column("guardian_consent", "consentimiento del tutor", "guardian consent", False,
               "For a minor: yes or no (empty: not recorded)",
               "Solo para una persona menor de edad: sí o no (vacío: no consta)"),
    ),
    "attendance": (
        Column("name", "nombre", "name", True,
               "The attendee's name as the roster has it (accents and case aside)",
               "Nombre de la persona asistente, como figura en el padrón (sin importar tildes ni mayúsculas)",
               ("nombres y apellidos", "nombre completo", "apellidos y nombres", "full name")),
        Column("organization", "organización", "organization", False,
               "For a guest (someone not on the roster): the organization they came from",
               "Para una persona invitada (que no figura en el padrón): la organización de la que vino",
               ("institución", "entidad")),
        Column("sector", "sector", "sector", False, "For a guest: the sector", "Para una persona invitada: el sector"),
    ),
    "contributions": (
        Column("received_on", "fecha de recepción", "received on", True, "The day it was received",
               "El día en que se recibió"),
        Column("channel", "canal", "channel", True,
               "forum session, workshop, public consultation, email, web form or other",
               "sesión del foro, taller, consulta pública, correo electrónico, formulario web u otro"),
        Column("text", "texto", "text", True, "The contribution, as made", "El aporte, tal como se hizo"),
        Column("author", "autor", "author", True,
               "A representative or an organization of the roster by name, or a member of the public's name",
               "Una persona representante o una organización del padrón por su nombre, o el nombre de una persona "
               "del público"),
        Column("email", "correo electrónico", "email", False, "Optional, for a member of the public",
               "Opcional, para una persona del público", ("correo", "e-mail")),
        Column("organization", "organización", "organization", False,
               "Optional, for a member of the public: the organization they spoke for",
               "Opcional, para una persona del público: la organización por la que habló"),
        Column("sector", "sector", "sector", False, "Optional, for a member of the public",
               "Opcional, para una persona del público"),
        Column("session", "sesión", "session", False,
               "Optional: the forum's session it was made at, by its number, its title or its id (ses_…)",
               "Opcional: la sesión del foro en que se hizo, por su número, su título o su identificador (ses_…)"),
    ),
}


def plain(text: str) -> str:
    """`text` without accents, in lower case, its spaces, underscores and hyphens one space: how headers, names
    and words written by hand are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s_\-]+", " ", bare).strip()


def header_keys(kind: str) -> dict[str, str]:
    """Every header a column of `kind` is known by (Spanish, English, its key, its aliases), made plain, to its
    key."""
    return {plain(name): c.key for c in COLUMNS[kind] for name in (c.es, c.en, c.key, *c.aliases)}


#: The words a sheet may use for the record's codes (tracker/domain/vocabulary.py), in Spanish or English.
WORDS: dict[str, dict[str, str]] = {
    "sector": {
        "government": "government", "gobierno": "government", "estado": "government",
        "civil society": "civil_society", "sociedad civil": "civil_society",
        "academia": "academia", "academy": "academia",
        "private sector": "private_sector", "sector privado": "private_sector", "privado": "private_sector",
        "youth": "youth", "juventud": "youth", "jovenes": "youth",
        "media": "media", "medios": "media", "medios de comunicacion": "media",
        "other": "other", "otro": "other", "otros": "other",
    },
    "role": {"primary": "primary", "titular": "primary", "alternate": "alternate", "alterno": "alternate",
             "alterna": "alternate", "suplente": "alternate"},
    "gender": {"female": "female", "mujer": "female", "femenino": "female", "f": "female",
               "male": "male", "hombre": "male", "masculino": "male", "m": "male",
               "other": "other", "otro": "other", "undisclosed": "undisclosed",
               "prefiere no decir": "undisclosed", "prefers not to say": "undisclosed"},
    "channel": {"forum session": "forum_session", "sesion del foro": "forum_session", "sesion": "forum_session",
                "workshop": "workshop", "taller": "workshop",
                "public consultation": "public_consultation", "consulta publica": "public_consultation",
                "email": "email", "e mail": "email", "correo": "email", "correo electronico": "email",
                "web form": "web_form", "formulario web": "web_form", "other": "other", "otro": "other"},
    "yes_no": {"yes": "true", "si": "true", "s": "true", "y": "true", "x": "true", "true": "true", "1": "true",
               "verdadero": "true", "no": "false", "n": "false", "false": "false", "0": "false", "falso": "false"},
}


def word(table: str, value: str) -> str | None:
    """The code `value` (a code, or a Spanish or English word for it) stands for in `table`; None when unknown."""
    return WORDS[table].get(plain(value))


def day(value: str) -> str | None:
    """The ISO day (YYYY-MM-DD) `value` writes, as 2025-03-14, 14/03/2025 or 14-03-2025 (day first, as in Peru);
    None when it writes no day."""
    from datetime import date

    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", value.strip())
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None:
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value.strip())
        parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None
