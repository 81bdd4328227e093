"""The final report's words, beside the inception report's (`tracker.report.words`): the IRM's completion levels and
early-results scale, milestone statuses, where a recommendation was made, the headings every format prints, and
the one-line description of the events after implementation that the annex cites."""
from __future__ import annotations

from typing import Any

from events import RecordedEvent
from tracker.compliance.snapshot import Snapshot
from tracker.compliance.summaries import summary
from tracker.domain.commitment import CommitmentState
from tracker.report.words import HEADINGS, day, pick

#: A commitment's completion, as the record computes it and as the evaluator assesses it (the IRM's levels).
COMPLETION: dict[str, tuple[str, str]] = {
    "no_evidence": ("No evidence available", "Sin evidencia disponible"),
    "not_started": ("Not started", "No iniciado"), "limited": ("Limited", "Limitado"),
    "substantial": ("Substantial", "Sustancial"), "complete": ("Complete", "Completo"),
}
#: Did it open government? The IRM's scale of early results, per OGP value.
EARLY_RESULTS: dict[str, tuple[str, str]] = {
    "worsened": ("Worsened", "Empeoró"), "did_not_change": ("Did not change", "No cambió"),
    "marginal": ("Marginal", "Marginal"), "major": ("Major", "Significativo"),
    "outstanding": ("Outstanding", "Sobresaliente"),
}
#: A milestone's status, as its report in force gives it (None: never reported).
STATUSES: dict[str | None, tuple[str, str]] = {
    None: ("Not reported", "Sin reporte"), "not_started": ("Not started", "No iniciado"),
    "in_progress": ("In progress", "En curso"), "completed": ("Completed", "Completado"),
    "delayed": ("Delayed", "Retrasado"), "cancelled": ("Cancelled", "Cancelado"),
}
#: Where a recommendation was made (tracker.domain.recommendations.SOURCES).
SOURCES: dict[str, tuple[str, str]] = {
    "inception": ("Design assessment (inception report)", "Valoración del diseño (informe de inicio)"),
    "end_of_commitment": ("End-of-commitment assessment", "Valoración al término del compromiso"),
    "final": ("Final assessment of the plan", "Valoración final del plan"),
}


def label(words: dict[Any, tuple[str, str]], code: Any, lang: str) -> str:
    """A code's words in `lang` (a code the table does not know is shown as it is, never hidden)."""
    pair = words.get(code)
    return pick(pair, lang) if pair else str(code)


_FINAL: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Final report", "draft_short": "draft",
        "annex_intro": "Each fact this report rests on, numbered, with when it occurred and when it was logged "
                       "(forum time, {zone}). Its position links to the forum's audit log.",
        "draft": "Draft: the plan's period ends on {day}",
        "draft_detail": "The plan is still being implemented: this report states the record as of {day} and will "
                        "change as progress, amendments and assessments are logged.",
        "as_of_sentence": "The record as of {day}.", "known_at": "Record as known at",
        "implementation": "Implementation of the commitments",
        "completion_computed": "Completion computed from the record",
        "completion_assessed": "Completion as assessed by the evaluator",
        "milestones_done": "{completed} of {total} milestones completed, {overdue} overdue on {day}.",
        "status": "Status", "overdue": "overdue", "last_report": "Last report", "note": "Note on the commitment",
        "early_results": "Early results: did it open government?", "value": "OGP value", "rating": "Result",
        "end_assessment": "Evaluator's end-of-commitment assessment",
        "not_end_assessed": "The evaluator has not assessed the commitment's end yet.",
        "progress_evidence": "Evidence of progress", "no_progress_evidence": "No evidence reported yet.",
        "unknown_evidence": "a document not on record at this date",
        "stored_document": "Stored document", "publication": "Publication",
        "amendments": "Amendments to the endorsed text",
        "no_amendments": "No amendment: the commitment keeps the text the forum endorsed.",
        "amendment": "Amendment of {day}", "reason": "Why", "approved_in": "Approved by the forum in",
        "approved_session": "{title}, held on {day}", "no_session": "no session of the forum recorded",
        "what_changed": "What changed", "current_text": "Text in force",
        "cocreation": "Co-creation during implementation",
        "cocreation_intro": "The forum's sessions and its webpage while the plan was being implemented, as the "
                            "record answers the standards.",
        "final_assessment": "The evaluator's final assessment of the plan", "summary": "Summary",
        "no_final_assessment": "The evaluator has not recorded the final assessment yet.",
        "follow_up": "Recommendations and what became of them",
        "follow_up_intro": "Every recommendation the evaluator made on this plan, and the answer later plans of "
                           "the forum recorded to it.",
        "made_in": "Made in", "about": "About", "whole_plan": "the plan as a whole",
        "answered": "{plan}, on {day}: {response}", "taken_up_by": "taken up by the commitment “{title}”",
        "no_answer": "No answer recorded", "answers": "Answers", "recommendation": "Recommendation",
        "no_recommendations": "The evaluator has made no recommendation on this plan yet.",
    },
    "es": {
        "title": "Informe final", "draft_short": "borrador",
        "annex_intro": "Cada hecho en que se basa este informe, numerado, con cuándo ocurrió y cuándo se registró "
                       "(hora del foro, {zone}). Su posición enlaza al registro de auditoría del foro.",
        "draft": "Borrador: el periodo del plan termina el {day}",
        "draft_detail": "El plan aún se está implementando: este informe refleja el registro al {day} y cambiará a "
                        "medida que se registren avances, modificaciones y valoraciones.",
        "as_of_sentence": "El registro al {day}.", "known_at": "Registro según lo conocido al",
        "implementation": "Implementación de los compromisos",
        "completion_computed": "Cumplimiento calculado del registro",
        "completion_assessed": "Cumplimiento según la valoración del evaluador",
        "milestones_done": "{completed} de {total} hitos completados, {overdue} vencidos al {day}.",
        "status": "Estado", "overdue": "vencido", "last_report": "Último reporte", "note": "Nota sobre el compromiso",
        "early_results": "Resultados preliminares: ¿abrió el gobierno?", "value": "Valor de OGP",
        "rating": "Resultado", "end_assessment": "Valoración del evaluador al término del compromiso",
        "not_end_assessed": "El evaluador aún no ha valorado el término del compromiso.",
        "progress_evidence": "Evidencia del avance", "no_progress_evidence": "Aún no se reportó evidencia.",
        "unknown_evidence": "un documento que no figura en el registro a esta fecha",
        "stored_document": "Documento almacenado", "publication": "Publicación",
        "amendments": "Modificaciones del texto aprobado",
        "no_amendments": "Sin modificaciones: el compromiso mantiene el texto que aprobó el foro.",
        "amendment": "Modificación del {day}", "reason": "Motivo", "approved_in": "Aprobada por el foro en",
        "approved_session": "{title}, realizada el {day}", "no_session": "no se registró una sesión del foro",
        "what_changed": "Qué cambió", "current_text": "Texto vigente",
        "cocreation": "Co-creación durante la implementación",
        "cocreation_intro": "Las sesiones del foro y su página web mientras se implementaba el plan, según el "
                            "registro responde a los estándares.",
        "final_assessment": "Valoración final del plan por el evaluador", "summary": "Síntesis",
        "no_final_assessment": "El evaluador aún no registró la valoración final.",
        "follow_up": "Recomendaciones y su seguimiento",
        "follow_up_intro": "Cada recomendación que el evaluador hizo sobre este plan y la respuesta que registraron "
                           "los planes posteriores del foro.",
        "made_in": "Formulada en", "about": "Sobre", "whole_plan": "el plan en su conjunto",
        "answered": "{plan}, el {day}: {response}", "taken_up_by": "la retoma el compromiso «{title}»",
        "no_answer": "Sin respuesta registrada", "answers": "Respuestas", "recommendation": "Recomendación",
        "no_recommendations": "El evaluador aún no hizo recomendaciones sobre este plan.",
    },
}
#: Headings and fixed phrases of every format of the final report, by language: the inception report's, with the
#: final report's own (its title among them).
FINAL_HEADINGS: dict[str, dict[str, Any]] = {lang: {**HEADINGS[lang], **words} for lang, words in _FINAL.items()}

#: The events after implementation as the annex describes them, (English, Spanish).
TEMPLATES: dict[str, tuple[str, str]] = {
    "ProgressReported": ("Progress on “{commitment}”, milestone “{milestone}”: {status}, on {day}",
                         "Avance de «{commitment}», hito «{milestone}»: {status}, el {day}"),
    "ProgressNote": ("Progress note on “{commitment}”: {status}, on {day}",
                     "Nota de avance de «{commitment}»: {status}, el {day}"),
    "CommitmentEndAssessed": ("Evaluator's end-of-commitment assessment of “{commitment}”: {completion}",
                              "Valoración del evaluador al término de «{commitment}»: {completion}"),
    "PlanFinalAssessed": ("Evaluator's final assessment of “{plan}”", "Valoración final del evaluador de «{plan}»"),
    "RecommendationAnswered": ("“{plan}” answered a recommendation", "«{plan}» respondió una recomendación"),
}
_CORRECTION = (" (correction)", " (corrección)")


def described(event: RecordedEvent, snap: Snapshot, lang: str, about: str = "",
              commitment: CommitmentState | None = None) -> str:
    """An event of the log in one line for the annex: the events after implementation in this module's words
    (`about` the title of the commitment or plan they are about; `commitment` names a progress report's
    milestone), any other as the compliance answers describe it."""
    d = event.data
    values = {"commitment": about, "plan": about}
    kind = event.type
    if kind == "ProgressReported":
        milestone = commitment.milestone(d["milestone_id"]) if commitment and d.get("milestone_id") else None
        kind = "ProgressReported" if d.get("milestone_id") else "ProgressNote"
        values.update(milestone=(milestone or {}).get("title") or "—", day=day(d["reported_on"], lang),
                      status=label(STATUSES, d["status"], lang).lower())
    elif kind == "CommitmentEndAssessed":
        values["completion"] = label(COMPLETION, d["completion"], lang).lower()
    if kind not in TEMPLATES:
        return summary(event, snap, lang)
    text = pick(TEMPLATES[kind], lang).format(**values)
    return text + (pick(_CORRECTION, lang) if d.get("correction_reason") else "")
