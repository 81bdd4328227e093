"""The charts' words in each language the report and the pages are rendered in (the report is rendered outside
a request, so these are plain tables like the report's headings, not the Flask-Babel catalog)."""
from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "charts": "Charts", "numbers": "The numbers", "no_data": "No data yet",
        "attendance": "Attendance by sector at each session held",
        "attendance_desc": "Stacked bars, one per session held ({count}), each split by the sector of those "
                           "who attended.",
        "session": "Session", "people": "people", "total": "Total",
        "public": "public (counted, not named)",
        "public_all": "The public who attended is counted in each bar, as the secretariat counted it, without names.",
        "public_some": "The public is counted in {counted} of the {count} sessions, the others have no count of "
                       "the public recorded.",
        "public_none": "No count of the public who attended was recorded: the bars count members and guests only.",
        "statuses": "Contributions by status at the end of each month",
        "statuses_desc": "Stacked bars, one per month ({count}), each split by how far the contributions "
                         "received by then had gone.",
        "month": "Month", "contributions": "contributions",
        "days": "Days from receipt to the response",
        "days_desc": "One dot per contribution answered ({count}); the dashed line marks the median, {median} "
                     "days.",
        "days_axis": "days from receipt to the response", "median_label": "median {median} days",
        "days_column": "Days", "answered": "Contributions answered",
        "months": "Months with and without a session",
        "months_desc": "One cell per month ({count}): {held} with a session held, {scheduled} with a session "
                       "scheduled only, {none} without one.",
        "state": "Session",
        "sectors": {"government": "government", "civil_society": "civil society", "academia": "academia",
                    "private_sector": "private sector", "youth": "youth", "media": "media", "other": "other"},
        "status_names": {"received": "received", "considered": "considered", "responded": "responded",
                         "communicated": "communicated"},
        "month_states": {"held": "held", "scheduled": "scheduled only", "none": "none"},
        "month_names": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    },
    "es": {
        "charts": "Gráficos", "numbers": "Las cifras", "no_data": "Aún no hay datos",
        "attendance": "Asistencia por sector en cada sesión realizada",
        "attendance_desc": "Barras apiladas, una por sesión realizada ({count}), cada una dividida según el "
                           "sector de quienes asistieron.",
        "session": "Sesión", "people": "personas", "total": "Total",
        "public": "público (contado, sin nombres)",
        "public_all": "Cada barra incluye al público asistente, según el conteo de la secretaría, sin nombres.",
        "public_some": "El público está contado en {counted} de las {count} sesiones; en las demás no se registró "
                       "cuántas personas del público asistieron.",
        "public_none": "No se registró cuántas personas del público asistieron: las barras cuentan solo a "
                       "miembros e invitados.",
        "statuses": "Aportes por estado al cierre de cada mes",
        "statuses_desc": "Barras apiladas, una por mes ({count}), cada una dividida según cuánto habían avanzado "
                         "los aportes recibidos hasta entonces.",
        "month": "Mes", "contributions": "aportes",
        "days": "Días desde la recepción hasta la respuesta",
        "days_desc": "Un punto por aporte respondido ({count}); la línea discontinua marca la mediana, {median} "
                     "días.",
        "days_axis": "días desde la recepción hasta la respuesta", "median_label": "mediana {median} días",
        "days_column": "Días", "answered": "Aportes respondidos",
        "months": "Meses con y sin sesión",
        "months_desc": "Una celda por mes ({count}): {held} con una sesión realizada, {scheduled} con una sesión "
                       "solo programada, {none} sin sesión.",
        "state": "Sesión",
        "sectors": {"government": "gobierno", "civil_society": "sociedad civil", "academia": "academia",
                    "private_sector": "sector privado", "youth": "juventud", "media": "medios",
                    "other": "otro"},
        "status_names": {"received": "recibido", "considered": "considerado", "responded": "respondido",
                         "communicated": "comunicado"},
        "month_states": {"held": "realizada", "scheduled": "solo programada", "none": "ninguna"},
        "month_names": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    },
}


def texts(lang: str | None) -> dict[str, Any]:
    """The charts' words in `lang`, English when there are none for it."""
    return TEXTS.get(lang or "en", TEXTS["en"])
