"""The report's words: each answer as the option label of OGP Local's inception template, dates and times in the
forum's time zone written out in the report's language, and the headings every format prints.

Labels follow the template's options (docs/compliance.md): Yes / No / Unclear for sections 1 and 2, Very /
Somewhat / Not for 2.6, and section 3's options as the template words them.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date, get_timezone_location
from babel.numbers import format_decimal

from tracker.domain.time import zone
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES

#: An answer code's label, by language: (English, Spanish). 3.3 and 3.4 have options of their own.
ANSWERS: dict[str, tuple[str, str]] = {
    "yes": ("Yes", "Sí"), "no": ("No", "No"), "unclear": ("Unclear", "No está claro"),
    "very": ("Very", "Muy"), "somewhat": ("Somewhat", "Algo"), "not": ("Not", "No"),
}
COMMITMENT_TYPES: dict[str, tuple[str, str]] = {
    "new_regulation_policy_practice": (
        "New regulation, policy, practice or requirement",
        "Nueva regulación, política, práctica o requisito"),
    "continuation_of_ongoing_practice": (
        "Continuation of ongoing practice in line with existing legislation, policies or requirements",
        "Continuación de una práctica en curso, conforme a la legislación, políticas o requisitos existentes"),
    "unclear": ("Unclear", "No está claro"),
}
POTENTIALS: dict[str, tuple[str, str]] = {
    "binding_or_institutionalized": (
        "A binding or institutionalized change across the government or institution(s) that govern the policy "
        "area", "Un cambio vinculante o institucionalizado en el gobierno o las instituciones que rigen el área "
        "de política"),
    "positive_change_not_binding": (
        "A positive change to a practice, policy or regulation that will not be binding or institutionalized",
        "Un cambio positivo en una práctica, política o regulación que no será vinculante ni institucionalizado"),
    "unclear": ("Unclear", "No está claro"),
}
#: The IRM's reading of the potential for results.
IRM: dict[str, tuple[str, str]] = {"substantial": ("Substantial", "Sustancial"), "modest": ("Modest", "Modesto"),
                                   "unclear": ("Unclear", "No está claro")}
#: Why the process is judged at its `as_of`.
REASONS: dict[str, tuple[str, str]] = {
    "asked": ("the date asked for", "la fecha solicitada"),
    "submission": ("the date the plan was submitted to OGP", "la fecha en que el plan se presentó a OGP"),
    "window_end": ("the end of the co-creation window (the plan has not been submitted)",
                   "el fin del periodo de co-creación (el plan aún no se ha presentado)"),
    "now": ("today: co-creation is under way", "hoy: la co-creación está en curso"),
}
LANGS = ("en", "es")


def pick(pair: tuple[str, str], lang: str) -> str:
    """The pair's text in `lang`."""
    return pair[LANGS.index(lang)]


def answer_label(check_id: str, code: str | None, lang: str) -> str:
    """The template's option for an answer code (a code it does not know is shown as it is, never hidden)."""
    if code is None:
        return "—"
    kind = check_id.rsplit(".", 1)[-1] if check_id.startswith("3.") else None
    table = COMMITMENT_TYPES if kind == "3" else POTENTIALS if kind == "4" else ANSWERS
    pair = table.get(code) or ANSWERS.get(code)
    return pick(pair, lang) if pair else code


def day(value: date | str | None, lang: str) -> str:
    """A day written out ("5 de octubre de 2025", "October 5, 2025"); a dash for none."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, "long", locale=lang)


def moment(value: datetime | str, tz: str, lang: str) -> str:
    """An instant in the forum's time zone, to the minute: "5 de octubre de 2025, 10:00"; a fact dated by its day
    alone (it occurred at the start of that day) is written as the day."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    local = value.astimezone(zone(tz))
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return format_date(local.date(), "long", locale=lang)
    return f"{format_date(local.date(), 'long', locale=lang)}, {local:%H:%M}"


def figure(value: float | int | None, lang: str, none: str = "—") -> str:
    """A figure as the language writes it ("32,5" in Spanish); `none` for none."""
    return none if value is None else format_decimal(value, locale=lang)


def in_stage_order(by_status: dict[str, Any]) -> list[tuple[str, Any]]:
    """Contributions by status in the order of the stages (received, considered, responded, communicated),
    however the mapping was ordered (a report read back from JSON has its keys sorted)."""
    order = list(CONTRIBUTION_STATUSES)
    return sorted(by_status.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


def web_address(url: Any) -> str | None:
    """The address when it is an http(s) one with a host (a link a report may print), else None: anything else
    is printed as text, never linked."""
    if not isinstance(url, str) or any(c.isspace() for c in url.strip()):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def evaluator_names(evaluators: Iterable[dict[str, Any]], none: str) -> str:
    """The evaluators who are named, each with their organization ("Eva Ríos (CERA); Luis Soto"); `none` when no
    one is."""
    return "; ".join(f"{e['name']} ({e['organization']})" if e.get("organization") else str(e["name"])
                     for e in evaluators if e.get("name")) or none


def zone_name(tz: str, lang: str) -> str:
    """The forum's time zone as people say it ("hora de Perú")."""
    return get_timezone_location(zone(tz), locale=lang)


#: Headings and fixed phrases of every format, by language.
HEADINGS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Inception report", "overview": "Overview", "member": "Member", "forum": "Forum",
        "plan": "Action plan", "period": "Implementation period", "window": "Co-creation window",
        "submitted": "Submitted to OGP", "not_submitted": "not yet submitted", "evaluators": "Evaluators",
        "reference": "Reference date", "reference_now": "today", "judged_at": "Judged as of {day}: {reason}.",
        "documents": "Documents on record", "minimum_requirements": "Section 1: Minimum requirements",
        "recommended_practices": "Section 2: Recommended practices", "commitments": "Section 3: Commitments",
        "standards": "Beyond the template: the standards the forum lives by", "answer": "Answer",
        "computed": "Computed from the record", "assessment": "Evaluator's assessment",
        "explanation": "Explanation", "evidence": "Evidence", "judgement": "Evaluator's judgement",
        "references": "References", "recommendations": "Recommendations", "none": "none",
        "problem": "Problem", "description": "Description", "lead": "Lead institution",
        "values": "OGP values", "milestones": "Milestones", "milestone": "Milestone", "deliverable": "Deliverable",
        "due": "Due", "no_due": "no due date", "endorsed_text": "Text endorsed by the forum",
        "changed": "Changed since the forum endorsed the plan", "changed_fields": "Fields changed: {fields}.",
        "added": "Added after the forum endorsed the plan.", "field_names": {
            "title": "title", "problem": "problem", "description": "description", "ogp_values": "OGP values",
            "lead_institution": "lead institution", "milestones": "milestones"},
        "irm": "Potential for results (IRM)", "annex": "Annex: evidence",
        "annex_intro": "Each fact the answers rest on, numbered, with when it occurred and when it was logged "
                       "(forum time, {zone}). Its position links to the forum's audit log.",
        "position": "Position", "occurred": "Occurred", "recorded": "Logged", "fact": "Fact",
        "logged_late": "logged late", "see_annex": "Evidence (annex)", "contributions": "Contributions by status",
        "status": "Status", "count": "Count", "days": "Days from receipt to written feedback",
        "days_response": "Days from receipt to the response", "median": "median", "maximum": "maximum",
        "waiting": "Without written feedback yet",
        "late_contributions": "Received after their consultation closed (extensions counted)",
        "statuses": {"received": "received", "considered": "considered", "responded": "responded",
                     "communicated": "communicated"},
        "log": "Computed from the event log at position {position}, head hash {head}.",
        "verify": "Anyone can check that the log was not altered since: "
                  "tracker events verify --against {position}:{head}",
        "as_of": "Process as of", "known_at": "Record as known at", "now": "now", "indicators": "Indicators",
        "details": "Details", "form": "The inception template, question by question",
        "form_intro": "For each question of OGP's online form: the option to choose and the text to paste.",
        "option": "Option", "text": "Text to paste", "copy": "Copy", "copied": "Copied",
        "evaluator_unnamed": "an evaluator", "no_evaluators": "none recorded", "time_zone": "Time zone",
        "question": "Question", "number": "No.", "not_assessed": "Not assessed yet",
        "record": "The record behind this report", "assessed": "Assessed on",
        "from_judgement": "as the evaluator judged it", "from_record": "as computed from the record",
        "previous_recommendations": "Recommendations of the previous plan and how this plan answers them",
        "recommendation": "Recommendation", "made_in": "Made in", "this_answer": "This plan's answer",
        "taken_up_by": "Commitment that takes it up", "not_answered": "not answered yet",
        "whole_plan": "the plan as a whole", "sources": {
            "inception": "assessment of the design", "end_of_commitment": "end-of-commitment assessment",
            "final": "final assessment of the plan"},
    },
    "es": {
        "title": "Informe de inicio", "overview": "Resumen", "member": "Miembro", "forum": "Foro",
        "plan": "Plan de acción", "period": "Periodo de implementación", "window": "Periodo de co-creación",
        "submitted": "Presentado a OGP", "not_submitted": "aún no presentado", "evaluators": "Evaluadores",
        "reference": "Fecha de referencia", "reference_now": "hoy",
        "judged_at": "Evaluado a la fecha {day}: {reason}.", "documents": "Documentos registrados",
        "minimum_requirements": "Sección 1: Requisitos mínimos",
        "recommended_practices": "Sección 2: Prácticas recomendadas", "commitments": "Sección 3: Compromisos",
        "standards": "Más allá del formato: los estándares que el foro sigue", "answer": "Respuesta",
        "computed": "Calculado del registro", "assessment": "Valoración del evaluador",
        "explanation": "Explicación", "evidence": "Evidencia", "judgement": "Juicio del evaluador",
        "references": "Referencias", "recommendations": "Recomendaciones", "none": "ninguna",
        "problem": "Problema", "description": "Descripción", "lead": "Institución responsable",
        "values": "Valores de OGP", "milestones": "Hitos", "milestone": "Hito", "deliverable": "Entregable",
        "due": "Vence", "no_due": "sin fecha de vencimiento", "endorsed_text": "Texto aprobado por el foro",
        "changed": "Cambió desde que el foro aprobó el plan", "changed_fields": "Campos modificados: {fields}.",
        "added": "Se agregó después de que el foro aprobó el plan.", "field_names": {
            "title": "título", "problem": "problema", "description": "descripción", "ogp_values": "valores de OGP",
            "lead_institution": "institución responsable", "milestones": "hitos"},
        "irm": "Potencial de resultados (IRM)", "annex": "Anexo: evidencia",
        "annex_intro": "Cada hecho en que se basan las respuestas, numerado, con cuándo ocurrió y cuándo se "
                       "registró (hora del foro, {zone}). Su posición enlaza al registro de auditoría del foro.",
        "position": "Posición", "occurred": "Ocurrió", "recorded": "Registrado", "fact": "Hecho",
        "logged_late": "registrado tarde", "see_annex": "Evidencia (anexo)", "contributions": "Aportes por estado",
        "status": "Estado", "count": "Cantidad", "days": "Días desde la recepción hasta la retroalimentación escrita",
        "days_response": "Días desde la recepción hasta la respuesta", "median": "mediana", "maximum": "máximo",
        "waiting": "Aún sin retroalimentación escrita",
        "late_contributions": "Recibidos después del cierre de su consulta (contando las prórrogas)",
        "statuses": {"received": "recibido", "considered": "considerado", "responded": "respondido",
                     "communicated": "comunicado"},
        "log": "Calculado del registro de eventos en la posición {position}, hash {head}.",
        "verify": "Cualquiera puede comprobar que el registro no fue alterado: "
                  "tracker events verify --against {position}:{head}",
        "as_of": "Proceso a la fecha", "known_at": "Registro según lo conocido al", "now": "ahora",
        "indicators": "Indicadores", "details": "Detalles",
        "form": "El formulario de inicio, pregunta por pregunta",
        "form_intro": "Para cada pregunta del formulario en línea de OGP: la opción que elegir y el texto que pegar.",
        "option": "Opción", "text": "Texto para pegar", "copy": "Copiar", "copied": "Copiado",
        "evaluator_unnamed": "un evaluador", "no_evaluators": "ninguno registrado", "time_zone": "Zona horaria",
        "question": "Pregunta", "number": "N.º", "not_assessed": "Aún sin valoración del evaluador",
        "record": "El registro en que se basa este informe", "assessed": "Valorado el",
        "from_judgement": "según el juicio del evaluador", "from_record": "según el cálculo del registro",
        "previous_recommendations": "Recomendaciones del plan anterior y cómo las atiende este plan",
        "recommendation": "Recomendación", "made_in": "Dónde se hizo", "this_answer": "Respuesta de este plan",
        "taken_up_by": "Compromiso que la recoge", "not_answered": "aún sin respuesta",
        "whole_plan": "el plan en su conjunto", "sources": {
            "inception": "valoración del diseño", "end_of_commitment": "evaluación de fin de compromiso",
            "final": "evaluación final del plan"},
    },
}
