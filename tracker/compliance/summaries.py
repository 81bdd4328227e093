"""One-line summaries of evidence events, in English and Spanish, fit for anonymous readers.

They name organizations, sessions, publications and commitments (public record), and never a person: no
representative's or contributor's name, contact data or gender.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date as date_type
from datetime import datetime
from typing import Any

from babel.dates import format_date

from events import RecordedEvent
from tracker.compliance.snapshot import Snapshot
from tracker.compliance.texts import LANGUAGES, WORDS, fill
from tracker.domain.commitment import CommitmentState
from tracker.domain.contribution import ContributionState
from tracker.domain.session import SessionState
from tracker.domain.time import local_day

TEMPLATES: dict[str, tuple[str, str]] = {
    "ForumEstablished": ("Forum “{name}” established on {established_on}", "Foro «{name}» establecido el "
                         "{established_on}"),
    "ForumPolicyAmended": ("The forum's rules amended from {effective_on}", "Reglas del foro modificadas desde el "
                           "{effective_on}"),
    "OrganizationJoined": ("{name} ({sector}) joined on {joined_on}", "{name} ({sector}) se incorporó el "
                           "{joined_on}"),
    "OrganizationLeft": ("{organization} left on {left_on}", "{organization} se retiró el {left_on}"),
    "RepresentativeDesignated": ("A {role} representative of {organization} designated on {designated_on}",
                                 "Representante {role} de {organization} designado el {designated_on}"),
    "RepresentativeWithdrawn": ("A representative of {organization} withdrawn on {withdrawn_on}",
                                "Representante de {organization} retirado el {withdrawn_on}"),
    "ActionPlanOpened": ("Co-creation of “{title}” opened: {cocreation_starts_on} to {cocreation_ends_on}",
                         "Co-creación de «{title}» abierta: {cocreation_starts_on} a {cocreation_ends_on}"),
    "ActionPlanSubmitted": ("Plan submitted to OGP on {submitted_on}", "Plan presentado a OGP el {submitted_on}"),
    "PublicationMade": ("Publication ({kind}) “{title}” on {published_on}",
                        "Publicación ({kind}) «{title}» el {published_on}"),
    "ConsultationOpened": ("Public consultation open from {opens_on} to {closes_on}",
                           "Consulta pública abierta del {opens_on} al {closes_on}"),
    "ConsultationExtended": ("Consultation extended to {closes_on}", "Consulta ampliada hasta el {closes_on}"),
    "CommitmentDrafted": ("Commitment “{title}” drafted with {count} {count:milestone|milestones}",
                          "Compromiso «{title}» redactado con {count} {count:hito|hitos}"),
    "CommitmentRevised": ("Commitment “{commitment}” revised (revision {revision}; {count} "
                          "{count:contribution|contributions} cited)",
                          "Compromiso «{commitment}» revisado (revisión {revision}; {count} {count:aporte "
                          "citado|aportes citados})"),
    "CommitmentAmended": ("Commitment “{commitment}” amended (revision {revision})",
                          "Compromiso «{commitment}» modificado (revisión {revision})"),
    "CommitmentAssessed": ("Evaluator's assessment of “{commitment}”: {commitment_type}, {potential}",
                           "Valoración del evaluador de «{commitment}»: {commitment_type}, {potential}"),
    "ProgressReported": ("Progress of “{commitment}” reported on {reported_on}: {status}",
                         "Avance de «{commitment}» informado el {reported_on}: {status}"),
    "CommitmentEndAssessed": ("End-of-commitment assessment of “{commitment}”: {completion}",
                              "Evaluación de fin de compromiso de «{commitment}»: {completion}"),
    "PlanFinalAssessed": ("Evaluator's final assessment of the plan", "Evaluación final del plan por el evaluador"),
    "PlanEndorsed": ("Plan endorsed on {endorsed_on}, signed by {count} {count:representative|representatives} "
                     "{sectors}",
                     "Plan aprobado el {endorsed_on}, firmado por {count} {count:representante|representantes} "
                     "{sectors}"),
    "EndorsementWithdrawn": ("Endorsement withdrawn on {withdrawn_on}", "Aprobación retirada el {withdrawn_on}"),
    "CheckJudged": ("Evaluator's answer to check {check}: {answer}", "Respuesta del evaluador al control {check}: "
                    "{answer}"),
    "SessionScheduled": ("Session “{title}” scheduled for {day}", "Sesión «{title}» programada para el {day}"),
    "SessionAnnounced": ("Session “{session}” announced on {announced_on} with {count} {count:material|materials}",
                         "Sesión «{session}» anunciada el {announced_on} con {count} {count:material|materiales}"),
    "SessionRescheduled": ("Session “{session}” moved to {day}", "Sesión «{session}» movida al {day}"),
    "SessionCancelled": ("Session “{session}” cancelled", "Sesión «{session}» cancelada"),
    "SessionHeld": ("Session “{session}” held on {day} with {count} attending {sectors}",
                    "Sesión «{session}» realizada el {day} con {count} {count:asistente|asistentes} {sectors}"),
    "MinutesRecorded": ("Minutes of “{session}” approved on {approved_on}",
                        "Acta de «{session}» aprobada el {approved_on}"),
    "ContributionReceived": ("Contribution received on {received_on} from {author} ({sector})",
                             "Aporte recibido el {received_on} de {author} ({sector})"),
    "ContributionConsidered": ("Contribution of {received} considered on {considered_on}",
                               "Aporte del {received} considerado el {considered_on}"),
    "ContributionResponded": ("Response to the contribution of {received}: {decision}, on {responded_on}",
                              "Respuesta al aporte del {received}: {decision}, el {responded_on}"),
    "ResponseCommunicated": ("Response to the contribution of {received} communicated by {channel} on "
                             "{communicated_on}", "Respuesta al aporte del {received} comunicada por {channel} el "
                             "{communicated_on}"),
}
#: Enumerations of the process named in summaries (sectors and OGP words come from texts.WORDS).
NAMES: dict[str, tuple[str, str]] = {
    "representative": ("a representative", "un representante"), "public": ("a member of the public", "una persona "
                                                                            "del público"),
    "primary": ("primary", "titular"), "alternate": ("alternate", "alterno"),
    "accepted": ("accepted", "aceptado"), "partially_accepted": ("partially accepted", "aceptado en parte"),
    "merged": ("merged", "fusionado"), "rejected": ("rejected", "rechazado"),
    "out_of_scope": ("out of scope", "fuera de alcance"), "email": ("email", "correo"),
    "letter": ("letter", "carta"), "published": ("publication", "publicación"),
    "in_session": ("in a session", "en sesión"), "correction": ("correction", "corrección"),
    "whatsapp": ("WhatsApp", "WhatsApp"), "sms": ("SMS", "SMS"),
    "ogp_webpage": ("OGP webpage", "página web de OGP"), "repository": ("repository", "repositorio"),
    "timeline": ("calendar", "cronograma"), "agenda": ("agenda", "agenda"), "materials": ("materials", "materiales"),
    "minutes": ("minutes", "acta"), "draft_action_plan": ("draft action plan", "borrador del plan de acción"),
    "action_plan": ("action plan", "plan de acción"), "feedback_report": ("feedback report",
                                                                          "informe de retroalimentación"),
    "other": ("other", "otro"), "yes": ("yes", "sí"), "no": ("no", "no"), "unclear": ("unclear", "no está claro"),
    "very": ("very", "muy"), "somewhat": ("somewhat", "algo"), "not": ("not", "no"),
    "new_regulation_policy_practice": ("new regulation, policy or practice", "nueva regulación, política o práctica"),
    "continuation_of_ongoing_practice": ("continuation of ongoing practice", "continuación de una práctica en curso"),
    "binding_or_institutionalized": ("binding or institutionalized change", "cambio vinculante o institucionalizado"),
    "positive_change_not_binding": ("positive change, not binding", "cambio positivo no vinculante"),
    "not_started": ("not started", "no iniciado"), "in_progress": ("in progress", "en curso"),
    "completed": ("completed", "completado"), "delayed": ("delayed", "retrasado"),
    "cancelled": ("cancelled", "cancelado"), "no_evidence": ("no evidence available", "sin evidencia disponible"),
    "limited": ("limited", "limitado"), "complete": ("complete", "completo"),
}
TRANSLATED = ("sector", "role", "author", "decision", "channel", "kind", "answer", "commitment_type", "potential",
              "status", "completion")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _word(value: Any, lang: str) -> str:
    pair = NAMES.get(str(value)) or WORDS.get(str(value))
    return pair[LANGUAGES.index(lang)] if pair else str(value if value is not None else "—")


def _sectors(sectors: list[str | None], lang: str) -> str:
    counted = Counter(s for s in sectors if s)
    return "(" + ", ".join(f"{_word(s, lang)} {n}" for s, n in sorted(counted.items())) + ")" if counted else ""


def _values(e: RecordedEvent, snap: Snapshot, lang: str) -> dict[str, Any]:
    """The template's values: the event's own fields, and the names of what it refers to."""
    d, roster = e.data, snap.forum or snap.settings
    values: dict[str, Any] = {k: v for k, v in d.items() if isinstance(v, (str, int)) and k not in ("text",)}
    state = snap.states.get(e.stream_id)
    session = state if isinstance(state, SessionState) else None
    commitment = state if isinstance(state, CommitmentState) else None
    contribution = state if isinstance(state, ContributionState) else None
    org_id = d.get("organization_id")
    if org_id is None and d.get("representative_id") in roster.representatives:
        org_id = roster.representatives[d["representative_id"]].organization_id
    values["organization"] = roster.organizations[org_id].name if org_id in roster.organizations else "—"
    values["session"] = session.title if session else "—"
    values["commitment"] = commitment.title if commitment else "—"
    values["received"] = contribution.received_on if contribution else "—"
    if "scheduled_at" in d or "held_at" in d:
        values["day"] = local_day(datetime.fromisoformat(d.get("held_at") or d["scheduled_at"]), snap.tz)
    if e.type == "ContributionReceived":
        values.update(author=d["author"].get("kind"), sector=d["author"].get("sector"))
    counts = {"CommitmentDrafted": d.get("milestones"), "CommitmentRevised": d.get("from_contributions"),
              "PlanEndorsed": d.get("signed_by"), "SessionAnnounced": d.get("materials"),
              "SessionHeld": d.get("attendance")}
    values["count"] = len(counts.get(e.type) or [])
    if e.type == "PlanEndorsed":
        values["sectors"] = _sectors([snap.sector_of(r) for r in d["signed_by"]], lang)
    elif e.type == "SessionHeld":
        values["sectors"] = _sectors([a.get("sector") for a in d["attendance"]], lang)
    for name in TRANSLATED:
        if name in values:
            values[name] = _word(values[name], lang)
    for name, value in values.items():  # days written out as people read them
        if isinstance(value, date_type):
            values[name] = format_date(value, "long", locale=lang)
        elif name.endswith("_on") and isinstance(value, str) and _ISO_DAY.fullmatch(value):
            values[name] = format_date(date_type.fromisoformat(value), "long", locale=lang)
    return values


def summary(e: RecordedEvent, snap: Snapshot, lang: str) -> str:
    """A one-line summary of an evidence event in a language."""
    template = TEMPLATES.get(e.type)
    if template is None:
        return e.type
    text = fill(template[LANGUAGES.index(lang)], _Defaults(_values(e, snap, lang)))
    if e.data.get("correction_reason"):
        text += f" ({_word('correction', lang)})"
    return text


class _Defaults(dict):
    """Format values; a missing one shows as a dash rather than failing."""

    def __missing__(self, key: str) -> str:
        return "—"
