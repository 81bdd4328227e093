"""Builders for the scheduler's tests: a forum whose members left their emails, and its secretariat."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.support.api import ApiClient
from tests.support.builders import designate, join, new_forum

EMAILS = {
    "ana": "ana.quispe@regioncajamarca.gob.pe",
    "rosa": "rosa.vargas@regioncajamarca.gob.pe",
    "jorge": "jorge.diaz@transparencia-cajamarca.org",
    "elena": "elena.ruiz@transparencia-cajamarca.org",
}
SECRETARIAT = "secretaria.tecnica@regioncajamarca.gob.pe"


def members_with_emails(api: ApiClient, **forum: Any) -> SimpleNamespace:
    """A Cajamarca forum (monthly, reminders 3 days before, America/Lima, Spanish) whose serving members are Ana
    (primary) and Rosa (alternate) of the regional government, Jorge (primary) and Pedro (alternate, no email) of
    a civil-society association; Elena, an alternate with an email, was withdrawn in 2025."""
    forum_id = new_forum(api, **forum)
    gore = join(api, forum_id, "Gobierno Regional de Cajamarca", "government")
    ong = join(api, forum_id, "Asociación Civil Transparencia Cajamarca", "civil_society")
    r = SimpleNamespace(
        forum_id=forum_id, gore=gore, ong=ong,
        ana=designate(api, forum_id, gore, "Ana Quispe", email=EMAILS["ana"]),
        rosa=designate(api, forum_id, gore, "Rosa Vargas", role="alternate", email=EMAILS["rosa"]),
        jorge=designate(api, forum_id, ong, "Jorge Díaz", email=EMAILS["jorge"]),
        pedro=designate(api, forum_id, ong, "Pedro Alva", role="alternate"),
        elena=designate(api, forum_id, ong, "Elena Ruiz", role="alternate", email=EMAILS["elena"]),
    )
    api.post(f"/forums/{forum_id}/representatives/{r.elena}/withdrawal",
             {"withdrawn_on": "2025-06-01", "reason": "Dejó la asociación"})
    return r


def session(api: ApiClient, forum_id: str, scheduled_at: str, **overrides: Any) -> str:
    """A session of the forum at `scheduled_at`, with an agenda."""
    body = {"title": "Sesión ordinaria de diciembre", "kind": "forum_session", "scheduled_at": scheduled_at,
            "modality": "hybrid", "venue": "Sala de sesiones del Gobierno Regional, Jr. Santa Teresa de Journet 351",
            "agenda": [{"title": "Avance de los compromisos"}, {"title": "Calendario de 2027"}], **overrides}
    return api.post(f"/forums/{forum_id}/sessions", body)["id"]


def secretariat(tokens: Any, forum_id: str, email: str = SECRETARIAT) -> str:
    """A secretariat user granted the forum (the warnings' recipient); their token."""
    return tokens.make(email, "secretariat", (forum_id,))


#: The phones of members_with_phones, as typed and as the record keeps them.
PHONES = {"ana": ("976 111 222", "+51976111222"), "santos": ("976 543 210", "+51976543210"),
          "lucia": ("(01) 426 1234", "+5114261234"), "pedro": ("965 000 333", "+51965000333")}


def members_with_phones(api: ApiClient, **forum: Any) -> SimpleNamespace:
    """A Cajamarca forum in Peru (country PE; monthly, reminders 3 days before, Spanish): Ana (primary of the regional
    government, email and phone, agreed to WhatsApp), Santos (primary of a ronda campesina, no email, agreed to
    WhatsApp), Lucía (primary of a youth association, no email, agreed to SMS only) and Pedro (alternate of the
    ronda, a phone but no agreement to any channel)."""
    forum_id = new_forum(api, **{"country": "PE", **forum})
    gore = join(api, forum_id, "Gobierno Regional de Cajamarca", "government")
    ronda = join(api, forum_id, "Central de Rondas Campesinas de Bambamarca", "civil_society")
    youth = join(api, forum_id, "Red de Jóvenes de Celendín", "youth")
    return SimpleNamespace(
        forum_id=forum_id, gore=gore, ronda=ronda, youth=youth,
        ana=designate(api, forum_id, gore, "Ana Quispe", email=EMAILS["ana"], phone=PHONES["ana"][0],
                      opt_in=["whatsapp"]),
        santos=designate(api, forum_id, ronda, "Santos Huamán", phone=PHONES["santos"][0], opt_in=["whatsapp"]),
        lucia=designate(api, forum_id, youth, "Lucía Chávez", phone=PHONES["lucia"][0], opt_in=["sms"]),
        pedro=designate(api, forum_id, ronda, "Pedro Alva", role="alternate", phone=PHONES["pedro"][0]),
    )
