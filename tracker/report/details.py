"""The details behind each answer as tables in the report's language: which sessions were announced late and by
how many days, which organizations lack an alternate, the indicators of 2.6. Never a raw structure: a detail this
module does not know how to word is left out of the tables (the JSON keeps it under `details`)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.compliance.snapshot import Snapshot
from tracker.compliance.texts import WORDS
from tracker.report.words import ANSWERS, day, pick

#: A table: its caption, its column headings and its rows, every cell a string in the report's language.
Table = dict[str, Any]

#: Column headings by key, (English, Spanish).
COLUMNS: dict[str, tuple[str, str]] = {
    "session": ("Session", "Sesión"), "held_on": ("Held on", "Realizada el"),
    "announced_on": ("Announced on", "Anunciada el"), "days_before": ("Days of notice", "Días de anticipación"),
    "materials": ("Materials", "Materiales"), "from": ("From", "Desde"), "to": ("To", "Hasta"),
    "days": ("Days", "Días"), "received_on": ("Received on", "Recibido el"), "missing": ("Missing", "Falta"),
    "item": ("Agenda item", "Punto de agenda"), "organization": ("Organization", "Organización"),
    "sector": ("Sector", "Sector"), "sessions": ("Reviews of progress that count", "Revisiones de avance que cuentan"),
    "required": ("Required", "Exigidas"), "why": ("Why it does not count", "Por qué no cuenta"),
    "complete": ("Year complete", "Año completo"), "days_waiting": ("Days waiting", "Días de espera"),
    "commitment": ("Commitment", "Compromiso"), "fields": ("What changed", "Qué cambió"),
    "indicator": ("Indicator", "Indicador"), "value": ("Value", "Valor"),
    "response_days": ("Limit (days)", "Plazo (días)"),
    "completed_on": ("Completed on", "Completado el"), "due_on": ("Due on", "Vence el"),
    "assessed_on": ("Assessed on", "Evaluado el"), "status": ("Status", "Estado"),
}
CAPTIONS: dict[str, tuple[str, str]] = {
    "1.3.attended": ("Sessions in co-creation with non-governmental attendance",
                     "Sesiones de co-creación con asistencia no gubernamental"),
    "1.3.unrecorded": ("Sessions held without attendance recorded", "Sesiones realizadas sin asistencia registrada"),
    "1.4.unsigned": ("Member organizations that did not sign", "Organizaciones miembro que no firmaron"),
    "1.4.present": ("Present at the session but not signing", "Presentes en la sesión pero sin firmar"),
    "1.4.changed": ("Commitments changed or added since the endorsement",
                    "Compromisos modificados o agregados desde la aprobación"),
    "gaps": ("Gaps of more than the limit", "Intervalos que superan el límite"),
    "2.2.late": ("Sessions not announced in time with materials", "Sesiones no anunciadas a tiempo con materiales"),
    "2.3.unminuted": ("Sessions without published minutes", "Sesiones sin acta publicada"),
    "2.4.waiting": ("Contributions without feedback during co-creation",
                    "Aportes sin retroalimentación durante la co-creación"),
    "2.5.sessions": ("Sessions with non-governmental attendance", "Sesiones con asistencia no gubernamental"),
    "2.5.agenda": ("Agenda items proposed by non-governmental organizations",
                   "Puntos de agenda propuestos por organizaciones no gubernamentales"),
    "2.5.commitments": ("Commitments shaped by contributions", "Compromisos que recogieron aportes"),
    "2.6": ("Indicators", "Indicadores"),
    "S.cadence": ("Periods of the meeting rule without a session", "Periodos de la regla sin sesión"),
    "S.alternates": ("Organizations lacking a representative", "Organizaciones a las que les falta un representante"),
    "S.implementation": ("Years of implementation", "Años de implementación"),
    "S.implementation.not_counted": ("Sessions held during implementation that do not count as reviews of progress",
                                     "Sesiones de la implementación que no cuentan como revisiones de avance"),
    "S.response_time.slow": ("Answered later than allowed", "Respondidos después del plazo"),
    "S.response_time.waiting": ("Still waiting for a written answer", "Aún esperando una respuesta escrita"),
    "S.end_assessment": ("End-of-commitment assessments", "Evaluaciones de fin de compromiso"),
}
#: Words for codes that appear in details.
CODES: dict[str, tuple[str, str]] = {
    "deliverable": ("a deliverable", "un entregable"), "due_on": ("a due date", "una fecha de vencimiento"),
    "due_on_outside": ("a due date inside the plan's period", "una fecha dentro del periodo del plan"),
    "response": ("a response", "una respuesta"),
    "written_communication": ("its written communication", "su comunicación escrita"),
    "primary": ("primary", "titular"), "alternate": ("alternate", "alterno"),
    "title": ("title", "título"), "problem": ("problem", "problema"), "description": ("description", "descripción"),
    "ogp_values": ("OGP values", "valores de OGP"), "lead_institution": ("lead institution",
                                                                         "institución responsable"),
    "milestones": ("milestones", "hitos"), "added": ("added after the endorsement", "agregado tras la aprobación"),
    "on_time": ("on time", "a tiempo"), "late": ("late", "tarde"), "missing": ("missing", "falta"),
    "not_due": ("not due yet", "aún no vence"),
    "no_progress_presented": ("no commitment's progress presented", "no presentó el avance de los compromisos"),
    "no_civil_society_present": ("no civil society present", "sin sociedad civil presente"),
    "no_comments_recorded": ("no comments recorded", "sin comentarios registrados"),
}
INDICATORS: dict[str, tuple[str, str]] = {
    "organizations": ("Member organizations during co-creation", "Organizaciones miembro durante la co-creación"),
    "sector_count": ("Sectors", "Sectores"), "sectors": ("Organizations by sector", "Organizaciones por sector"),
    "non_governmental_share": ("Non-governmental share", "Proporción no gubernamental"),
    "women": ("Women among representatives with a recorded gender",
              "Mujeres entre representantes con género registrado"),
    "men": ("Men among representatives with a recorded gender", "Hombres entre representantes con género registrado"),
    "unrecorded": ("Representatives without a recorded gender", "Representantes sin género registrado"),
    "youth": ("Youth organizations; minor representatives", "Organizaciones juveniles; representantes menores"),
    "alternates": ("Organizations with an alternate", "Organizaciones con representante alterno"),
    "attendance": ("Attendance by sector (present / possible)", "Asistencia por sector (presentes / posibles)"),
}


def _w(pair: tuple[str, str], lang: str) -> str:
    return pick(pair, lang)


def _code(value: Any, lang: str) -> str:
    pair = CODES.get(str(value)) or WORDS.get(str(value))
    return _w(pair, lang) if pair else str(value)


def _percent(value: float | None, lang: str) -> str:
    return "—" if value is None else f"{round(value * 100):d} %"


def _table(key: str, columns: list[str], rows: list[list[str]], lang: str) -> Table:
    caption = CAPTIONS[key]
    return {"caption": _w(caption, lang), "columns": [_w(COLUMNS[c], lang) for c in columns], "rows": rows}


class _Names:
    """Sessions and commitments named as people know them: title and forum day."""

    def __init__(self, snap: Snapshot, lang: str) -> None:
        self.snap, self.lang = snap, lang
        self.numbers = {c.id: n for n, c in snap.commitments}

    def session(self, session_id: str) -> list[str]:
        s = next((s for s in self.snap.sessions if s.id == session_id), None)
        if s is None:
            return ["—", "—"]
        return [s.title, day(self.snap.held_day(s) if s.held_at else s.scheduled_at.date(), self.lang)]

    def commitment(self, commitment_id: str) -> str:
        c = self.snap.states.get(commitment_id)
        n = self.numbers.get(commitment_id)
        return f"{n}. {c.title}" if c is not None and n else "—"


def tables(check: dict[str, Any], snap: Snapshot, lang: str) -> list[Table]:
    """The tables of a rendered check (`tracker.compliance.answer`'s body), in `lang`."""
    key = check["id"]
    if key.startswith("3."):
        return []
    builder = BUILDERS.get(key)
    details = check.get("details") or {}
    found = builder(details, check, _Names(snap, lang), lang) if builder else []
    return [t for t in found if t["rows"]]


def _13(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    return [_table("1.3.attended", ["session", "held_on"],
                   [names.session(s) for s in d.get("with_non_governmental_attendance", [])], lang),
            _table("1.3.unrecorded", ["session", "held_on"],
                   [names.session(s) for s in d.get("without_attendance_recorded", [])], lang)]


def _14(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    changed = [[f"{c['number']}. {c['title']}",
                ", ".join(_code(f, lang) for f in c["fields"]) if c["endorsed_revision"] is not None
                else _code("added", lang)] for c in d.get("changed_since_endorsement", [])]
    return [_table("1.4.unsigned", ["organization"], [[n] for n in d.get("members_not_signing", [])], lang),
            _table("1.4.present", ["organization"], [[n] for n in d.get("present_not_signing", [])], lang),
            _table("1.4.changed", ["commitment", "fields"], changed, lang)]


def _gaps(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    return [_table("gaps", ["from", "to", "days"],
                   [[day(g["from"], lang), day(g["to"], lang), str(g["days"])] for g in d.get("gaps", [])], lang)]


def _22(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    rows = [[s["title"], day(s["held_on"], lang), day(s["announced_on"], lang),
             "—" if s["days_before"] is None else str(s["days_before"]), str(s["materials"])]
            for s in d.get("not_announced_in_time", [])]
    return [_table("2.2.late", ["session", "held_on", "announced_on", "days_before", "materials"], rows, lang)]


def _23(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    rows = [[s["title"], day(s["held_on"], lang)] for s in d.get("sessions_without_published_minutes", [])]
    return [_table("2.3.unminuted", ["session", "held_on"], rows, lang)]


def _24(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    rows = [[day(w["received_on"], lang), _code(w["missing"], lang)] for w in d.get("waiting", [])]
    return [_table("2.4.waiting", ["received_on", "missing"], rows, lang)]


def _25(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    return [
        _table("2.5.sessions", ["session", "held_on"],
               [names.session(s) for s in d.get("sessions_with_non_governmental_attendance", [])], lang),
        _table("2.5.agenda", ["item", "organization"],
               [[a["title"], a["organization"]] for a in d.get("agenda_items_proposed_by_non_governmental", [])],
               lang),
        _table("2.5.commitments", ["commitment"],
               [[names.commitment(c)] for c in d.get("commitments_from_contributions", [])], lang)]


def _26(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    i = check.get("indicators") or {}
    if not i:
        return []
    genders = i.get("gender_shares") or {}
    rows = [[_w(INDICATORS["organizations"], lang), str(i.get("organizations", 0))],
            [_w(INDICATORS["sector_count"], lang), str(i.get("sector_count", 0))],
            [_w(INDICATORS["sectors"], lang),
             ", ".join(f"{_code(s, lang)}: {n}" for s, n in (i.get("sectors") or {}).items()) or "—"],
            [_w(INDICATORS["non_governmental_share"], lang), _percent(i.get("non_governmental_share"), lang)],
            [_w(INDICATORS["women"], lang), _percent(genders.get("female"), lang)],
            [_w(INDICATORS["men"], lang), _percent(genders.get("male"), lang)],
            [_w(INDICATORS["unrecorded"], lang), str(genders.get("unrecorded", 0))]]
    youth = i.get("youth") or {}
    rows.append([_w(INDICATORS["youth"], lang),
                 f"{youth.get('organizations', 0)}; {youth.get('minor_representatives', 0)}"])
    rows.append([_w(INDICATORS["alternates"], lang), _percent(i.get("organizations_with_alternate_share"), lang)])
    attendance = i.get("attendance_rate_by_sector") or {}
    if attendance:
        rows.append([_w(INDICATORS["attendance"], lang),
                     ", ".join(f"{_code(s, lang)}: {_percent(v, lang)}" for s, v in attendance.items())])
    return [_table("2.6", ["indicator", "value"], rows, lang)]


def _cadence(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    return [_table("S.cadence", ["from", "to"], [[day(p["from"], lang), day(p["to"], lang)]
                                                 for p in d.get("missed", [])], lang)]


def _alternates(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    rows = [[m["name"], _code(m["sector"], lang), ", ".join(_code(r, lang) for r in m["missing"])]
            for m in d.get("missing", [])]
    return [_table("S.alternates", ["organization", "sector", "missing"], rows, lang)]


def _implementation(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    years = d.get("years", [])
    rows = [[day(y["from"], lang), day(y["to"], lang), str(y["sessions"]),
             str(y.get("required", d.get("meetings_per_year", ""))),
             _w(ANSWERS["yes" if y["complete"] else "no"], lang)] for y in years]
    left_out = [[*names.session(n["session_id"]), "; ".join(_code(r, lang) for r in n["reasons"])]
                for y in years for n in y.get("not_counted", [])]
    return [_table("S.implementation", ["from", "to", "sessions", "required", "complete"], rows, lang),
            _table("S.implementation.not_counted", ["session", "held_on", "why"], left_out, lang)]


def _response(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    received = {c.id: c.received_on for c in names.snap.contributions}
    slow = [[day(received.get(s["contribution_id"]), lang), str(s["days"]),
             str(s.get("response_days", d.get("response_days")))] for s in d.get("slow", [])]
    waiting = [[day(w["received_on"], lang), str(w["days_waiting"]),
                str(w.get("response_days", d.get("response_days")))] for w in d.get("waiting", [])]
    return [_table("S.response_time.slow", ["received_on", "days", "response_days"], slow, lang),
            _table("S.response_time.waiting", ["received_on", "days_waiting", "response_days"], waiting, lang)]


def _end_assessment(d: dict, check: dict, names: _Names, lang: str) -> list[Table]:
    rows = [[names.commitment(c["commitment_id"]), day(c["completed_on"], lang), day(c["due_on"], lang),
             day(c["assessed_on"], lang), _code(c["status"], lang)] for c in d.get("commitments", [])]
    return [_table("S.end_assessment", ["commitment", "completed_on", "due_on", "assessed_on", "status"], rows,
                   lang)]


BUILDERS: dict[str, Callable[[dict, dict, _Names, str], list[Table]]] = {
    "1.3": _13, "1.4": _14, "2.1": _gaps, "2.2": _22, "2.3": _23, "2.4": _24, "2.5": _25, "2.6": _26,
    "S.cadence": _cadence, "S.six_months": _gaps, "S.alternates": _alternates,
    "S.implementation": _implementation, "S.response_time": _response, "S.end_assessment": _end_assessment,
}
