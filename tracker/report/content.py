"""What the report says, independent of its format: sections, headings in the report's language, a summary."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from statistics import median
from typing import Any

from tracker.domain.contribution import ContributionState
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES

#: By language: each heading's text (`statuses`: a status's name by status).
HEADINGS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Inception report", "minimum_requirements": "Section 1: Minimum requirements",
        "recommended_practices": "Section 2: Recommended practices", "commitments": "Section 3: Commitments",
        "standards": "Beyond the template: the standards the forum lives by", "answer": "Answer",
        "explanation": "Explanation", "evidence": "Evidence", "judgement": "Evaluator's judgement",
        "none": "none", "contributions": "Contributions by status", "status": "Status", "count": "Count",
        "days": "Days from receipt to written feedback", "days_response": "Days from receipt to the response",
        "median": "median", "maximum": "maximum", "waiting": "without written feedback yet",
        "statuses": {"received": "received", "considered": "considered", "responded": "responded",
                     "communicated": "communicated"},
        "log": "Computed from the event log at position {position}, head hash {head}.",
        "verify": "Anyone can check that the log was not altered since: "
                  "tracker events verify --against {position}:{head}",
        "as_of": "Process as of", "known_at": "Record as known at", "now": "now", "logged_late": "logged late",
        "indicators": "Indicators", "details": "Details", "occurred": "occurred", "recorded": "recorded",
    },
    "es": {
        "title": "Informe de inicio", "minimum_requirements": "Sección 1: Requisitos mínimos",
        "recommended_practices": "Sección 2: Prácticas recomendadas", "commitments": "Sección 3: Compromisos",
        "standards": "Más allá del formato: los estándares que el foro sigue", "answer": "Respuesta",
        "explanation": "Explicación", "evidence": "Evidencia", "judgement": "Juicio del evaluador",
        "none": "ninguna", "contributions": "Aportes por estado", "status": "Estado", "count": "Cantidad",
        "days": "Días desde la recepción hasta la retroalimentación escrita",
        "days_response": "Días desde la recepción hasta la respuesta", "median": "mediana", "maximum": "máximo",
        "waiting": "aún sin retroalimentación escrita",
        "statuses": {"received": "recibido", "considered": "considerado", "responded": "respondido",
                     "communicated": "comunicado"},
        "log": "Calculado del registro de eventos en la posición {position}, hash {head}.",
        "verify": "Cualquiera puede comprobar que el registro no fue alterado: "
                  "tracker events verify --against {position}:{head}",
        "as_of": "Proceso a la fecha", "known_at": "Registro según lo conocido al", "now": "ahora",
        "logged_late": "registrado tarde", "indicators": "Indicadores", "details": "Detalles",
        "occurred": "ocurrió", "recorded": "registrado",
    },
}
SECTIONS = ("minimum_requirements", "recommended_practices", "standards")


def _spread(days: list[int]) -> dict[str, Any]:
    return {"median": median(days) if days else None, "maximum": max(days) if days else None, "count": len(days)}


def contribution_summary(contributions: Iterable[ContributionState]) -> dict[str, Any]:
    """Contributions by status, and the days from receipt to the response and to the first written feedback
    (median and maximum over those that have one); `waiting` counts those without written feedback yet."""
    contributions = list(contributions)
    by_status = Counter(c.status for c in contributions)
    to_response = [d for d in (c.days_to_response for c in contributions) if d is not None]
    to_feedback = [d for d in (c.days_to_written_communication for c in contributions) if d is not None]
    return {
        "total": len(contributions),
        "by_status": {s: by_status.get(s, 0) for s in CONTRIBUTION_STATUSES},
        "days_to_response": _spread(to_response),
        "days_to_written_feedback": _spread(to_feedback),
        "waiting": len(contributions) - len(to_feedback),
    }


def build_report(compliance: dict[str, Any], contributions: Iterable[ContributionState]) -> dict[str, Any]:
    """The report's content: the compliance answers grouped as the template groups them, plus the summary of
    the contributions as they stood at the same `as_of` and `known_at`."""
    lang = compliance["language"] if compliance["language"] in HEADINGS else "en"
    log = compliance["log"]
    return {
        "action_plan_id": compliance["action_plan_id"],
        "title": compliance["title"],
        "forum_id": compliance["forum_id"],
        "language": lang,
        "as_of": compliance["as_of"],
        "known_at": compliance["known_at"],
        "window": compliance["window"],
        "log": log,
        "verify": f"tracker events verify --against {log['position']}:{log['head']}",
        "sections": {name: [c for c in compliance["checks"] if c["section"] == name] for name in SECTIONS},
        "commitments": compliance["commitments"],
        "contributions": contribution_summary(contributions),
    }
