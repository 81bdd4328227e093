"""Every sentence the tracker sends by email or writes into a calendar, in Spanish and English.

A forum's `language` chooses; anything else falls back to Spanish (the forums' default). Placeholders are
`str.format` fields filled by `tracker.mail.messages`.
"""
from __future__ import annotations

from typing import Any

from babel.dates import format_date, format_time, get_timezone_name

from tracker.domain.vocabulary import LANGUAGES

TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "reminder.subject": "Recordatorio: {title}, {day}",
        "reminder.greeting": "Hola, {name}:",
        "reminder.intro": "Le recordamos la próxima sesión del {forum}.",
        "reminder.when": "Fecha y hora: {when}",
        "reminder.where": "Lugar: {venue}",
        "reminder.link": "Enlace: {url}",
        "reminder.modality": "Modalidad: {modality}",
        "reminder.attached": "Adjuntamos la invitación para su calendario (archivo .ics).",
        "warning.cadence.subject": "Aviso: el {forum} no tiene sesión programada entre {start} y {end}",
        "warning.cadence.body": (
            "La regla de reuniones del {forum} es {frequency}, y a la fecha ({today}) no hay ninguna sesión "
            "programada ni realizada en el periodo del {start} al {end}.\n\n"
            "Programe una sesión en el registro para cumplir con la periodicidad acordada."),
        "warning.minutes.subject": "Aviso: falta el acta de «{title}» ({day})",
        "warning.minutes.body": (
            "La sesión «{title}» del {forum} se realizó el {day} y, {days} días después, su acta aún no está "
            "registrada.\n\nRegistre el acta aprobada en el registro cuando esté lista."),
        "feedback.subject": "Respuesta a su aporte al {plan}",
        "feedback.greeting": "Hola, {name}:",
        "feedback.greeting_anonymous": "Hola:",
        "feedback.intro": "El {forum} respondió al aporte que usted envió el {received}:",
        "feedback.decision": "Decisión: {decision}",
        "feedback.reasoning": "Razones:",
        "feedback.closing": "Gracias por participar en la co-creación del plan de acción de gobierno abierto.",
        "receipt.subject": "Recibimos su aporte al {plan} (referencia {reference})",
        "receipt.greeting": "Hola, {name}:",
        "receipt.greeting_anonymous": "Hola:",
        "receipt.intro": "El {forum} recibió el aporte que usted envió el {received}:",
        "receipt.reference": "Número de referencia de su aporte: {reference}",
        "receipt.reference_use": (
            "Con este número puede encontrar su aporte en las páginas públicas del foro, donde se muestra en qué "
            "etapa está y, cuando el foro lo haya comunicado, su respuesta."),
        "receipt.deadline": (
            "El foro se compromete a responder cada aporte en un plazo de {days} días: a más tardar el {by}."),
        "receipt.by_email": "Cuando el foro responda, le enviaremos la respuesta a esta misma dirección.",
        "receipt.closing": "Gracias por participar en la co-creación del plan de acción de gobierno abierto.",
        "lead.greeting": "Hola, {name}:",
        "milestone.subject": "Recordatorio: el hito «{milestone}» vence el {day}",
        "milestone.intro": (
            "Usted es el contacto principal del compromiso «{commitment}» del {plan}. Le recordamos que este hito "
            "vence pronto y aún no se ha reportado como cumplido:"),
        "milestone.deliverable": "Entregable: {deliverable}",
        "milestone.due": "Vence el {day}.",
        "milestone.todo": (
            "Reporte su avance a la secretaría técnica del {forum}: el estado del hito, un resumen y la evidencia "
            "(documentos o publicaciones) que lo respalden, para que quede en el registro."),
        "report.subject": "Recordatorio: falta el reporte de avance trimestral de «{commitment}»",
        "report.intro": (
            "Usted es el contacto principal del compromiso «{commitment}» del {plan}. Entre el {start} y el {end} "
            "no se registró ningún reporte de avance de este compromiso."),
        "report.todo": (
            "Reporte a la secretaría técnica del {forum} cómo avanzó el compromiso y cada uno de sus hitos en ese "
            "trimestre (estado, resumen y evidencia), para que quede en el registro."),
        "agenda": "Agenda:",
        "materials": "Materiales:",
        "footer": "Mensaje enviado automáticamente por el registro de co-creación del {forum}.",
        "calendar.cancelled": "Sesión cancelada: {reason}",
        "frequency.monthly": "mensual", "frequency.bimonthly": "bimestral", "frequency.quarterly": "trimestral",
        "frequency.semiannual": "semestral",
        "modality.in_person": "presencial", "modality.virtual": "virtual", "modality.hybrid": "híbrida",
        "decision.accepted": "aceptado", "decision.partially_accepted": "aceptado en parte",
        "decision.merged": "integrado en otro aporte", "decision.rejected": "no adoptado",
        "decision.out_of_scope": "fuera del alcance del plan",
    },
    "en": {
        "reminder.subject": "Reminder: {title}, {day}",
        "reminder.greeting": "Hello {name},",
        "reminder.intro": "This is a reminder of the next session of the {forum}.",
        "reminder.when": "Date and time: {when}",
        "reminder.where": "Venue: {venue}",
        "reminder.link": "Link: {url}",
        "reminder.modality": "Modality: {modality}",
        "reminder.attached": "The invitation for your calendar is attached (.ics file).",
        "warning.cadence.subject": "Warning: the {forum} has no session scheduled between {start} and {end}",
        "warning.cadence.body": (
            "The meeting rule of the {forum} is {frequency}, and as of today ({today}) no session is scheduled "
            "or held in the period from {start} to {end}.\n\n"
            "Schedule a session in the record to keep the agreed cadence."),
        "warning.minutes.subject": "Warning: the minutes of “{title}” ({day}) are missing",
        "warning.minutes.body": (
            "The session “{title}” of the {forum} was held on {day} and, {days} days later, its minutes are still "
            "not recorded.\n\nRecord the approved minutes when they are ready."),
        "feedback.subject": "The response to your contribution to the {plan}",
        "feedback.greeting": "Hello {name},",
        "feedback.greeting_anonymous": "Hello,",
        "feedback.intro": "The {forum} responded to the contribution you sent on {received}:",
        "feedback.decision": "Decision: {decision}",
        "feedback.reasoning": "Reasons:",
        "feedback.closing": "Thank you for taking part in co-creating the open government action plan.",
        "receipt.subject": "We received your contribution to the {plan} (reference {reference})",
        "receipt.greeting": "Hello {name},",
        "receipt.greeting_anonymous": "Hello,",
        "receipt.intro": "The {forum} received the contribution you sent on {received}:",
        "receipt.reference": "Reference number of your contribution: {reference}",
        "receipt.reference_use": (
            "With this number you can find your contribution on the forum's public pages, which show its stage "
            "and, once the forum has made it known, its response."),
        "receipt.deadline": "The forum undertakes to answer every contribution within {days} days: by {by}.",
        "receipt.by_email": "When the forum answers, we will send you the response at this same address.",
        "receipt.closing": "Thank you for taking part in co-creating the open government action plan.",
        "lead.greeting": "Hello {name},",
        "milestone.subject": "Reminder: the milestone “{milestone}” is due on {day}",
        "milestone.intro": (
            "You are the lead contact of the commitment “{commitment}” of the {plan}. This is a reminder that this "
            "milestone is due soon and is not yet reported as completed:"),
        "milestone.deliverable": "Deliverable: {deliverable}",
        "milestone.due": "Due on {day}.",
        "milestone.todo": (
            "Report its progress to the technical secretariat of the {forum}: the milestone's status, a summary and "
            "the evidence (documents or publications) behind it, so that it is in the record."),
        "report.subject": "Reminder: the quarterly progress report of “{commitment}” is missing",
        "report.intro": (
            "You are the lead contact of the commitment “{commitment}” of the {plan}. No progress of this "
            "commitment was reported between {start} and {end}."),
        "report.todo": (
            "Report to the technical secretariat of the {forum} how the commitment and each of its milestones "
            "progressed in that quarter (status, summary and evidence), so that it is in the record."),
        "agenda": "Agenda:",
        "materials": "Materials:",
        "footer": "Sent automatically by the co-creation record of the {forum}.",
        "calendar.cancelled": "Session cancelled: {reason}",
        "frequency.monthly": "monthly", "frequency.bimonthly": "every two months",
        "frequency.quarterly": "quarterly", "frequency.semiannual": "every six months",
        "modality.in_person": "in person", "modality.virtual": "virtual", "modality.hybrid": "hybrid",
        "decision.accepted": "accepted", "decision.partially_accepted": "partially accepted",
        "decision.merged": "merged into another contribution", "decision.rejected": "not adopted",
        "decision.out_of_scope": "out of the plan's scope",
    },
}


def language(lang: str | None) -> str:
    """A language the texts exist in: the forum's, else Spanish."""
    return lang if lang in LANGUAGES else "es"


def say(lang: str | None, key: str, **fields: Any) -> str:
    """The sentence `key` in `lang`, its placeholders filled."""
    return TEXTS[language(lang)][key].format(**fields)


def day_text(day: Any, lang: str | None) -> str:
    """A day written out, e.g. 'martes, 8 de abril de 2025' or 'Tuesday, April 8, 2025'."""
    return format_date(day, "full", locale=language(lang))


def when_text(moment: Any, lang: str | None) -> str:
    """A local instant written out with its timezone, e.g. 'martes, 8 de abril de 2025, 15:00 (hora estándar
    de Perú)'. `moment` must already be in the forum's timezone."""
    lang = language(lang)
    return (f"{format_date(moment.date(), 'full', locale=lang)}, {format_time(moment, 'HH:mm', locale=lang)} "
            f"({get_timezone_name(moment, locale=lang)})")
