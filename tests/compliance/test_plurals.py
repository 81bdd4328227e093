"""Explanations and evidence summaries agree with their numbers: "1 session was held", "2 sessions were held",
"1 compromiso cambió", "2 compromisos cambiaron"; no "(s)" left in any template."""
from __future__ import annotations

import pytest

from tracker.compliance.messages import MESSAGES
from tracker.compliance.summaries import TEMPLATES, _Defaults
from tracker.compliance.texts import FORMATTER, fill, message

SESSIONS = ("{n} {n:session was|sessions were} held", "{n} {n:sesión realizada|sesiones realizadas}")


@pytest.mark.parametrize("one", [1, "1"])
def test_the_number_one_takes_the_singular_in_both_languages(one):
    assert fill(SESSIONS[0], {"n": one}) == "1 session was held"
    assert fill(SESSIONS[1], {"n": one}) == "1 sesión realizada"


@pytest.mark.parametrize("n", [0, 2, 12, "0", "2", "12", "1,5", "—"])
def test_zero_and_more_than_one_take_the_plural_in_both_languages(n):
    assert fill(SESSIONS[0], {"n": n}) == f"{n} sessions were held"
    assert fill(SESSIONS[1], {"n": n}) == f"{n} sesiones realizadas"


def test_true_is_not_the_number_one():
    assert fill("{n:one|other}", {"n": True}) == "other"


def test_a_template_without_a_plural_renders_as_str_format_does():
    template = "{name} ({n}) joined on {day:>3} at {share:.1f} %"
    values = {"name": "Asociación", "n": 1, "day": "5", "share": 12.25}
    assert FORMATTER.vformat(template, (), values) == template.format(**values) == (
        "Asociación (1) joined on   5 at 12.2 %")


def test_a_missing_value_in_a_summary_still_shows_as_a_dash():
    assert fill("{count} {count:hito|hitos} de {title}", _Defaults(count=1)) == "1 hito de —"
    assert fill("{count} {count:hito|hitos}", _Defaults()) == "— hitos"


@pytest.mark.parametrize(("key", "values", "lang", "expected"), [
    ("1.3.unrecorded", {"n": 1}, "en", "1 session was held during co-creation, but no attendance was recorded."),
    ("1.3.unrecorded", {"n": 2}, "en", "2 sessions were held during co-creation, but no attendance was recorded."),
    ("1.3.unrecorded", {"n": 1}, "es", "Se realizó 1 sesión durante la co-creación, pero no se registró la "
                                       "asistencia."),
    ("1.3.unrecorded", {"n": 2}, "es", "Se realizaron 2 sesiones durante la co-creación, pero no se registró la "
                                       "asistencia."),
    ("1.4.changed", {"n": 1, "commitments": "1. Presupuesto"}, "es",
     "Desde que el foro aprobó el plan, 1 compromiso cambió o se agregó: 1. Presupuesto. El plan vigente no es el "
     "texto que el foro aprobó."),
    ("1.4.changed", {"n": 2, "commitments": "1. Presupuesto; 2. Agua"}, "es",
     "Desde que el foro aprobó el plan, 2 compromisos cambiaron o se agregaron: 1. Presupuesto; 2. Agua. El plan "
     "vigente no es el texto que el foro aprobó."),
    ("1.4.changed", {"n": 1, "commitments": "1. Budget"}, "en",
     "Since the forum endorsed the plan, 1 commitment changed or was added: 1. Budget. The plan as it stands is not "
     "the text the forum endorsed."),
    ("1.2.yes", {"gov": 1, "ngo": 3}, "es",
     "Durante la co-creación sus miembros incluían 1 organización gubernamental y 3 no gubernamentales."),
    ("1.2.yes", {"gov": 2, "ngo": 1}, "es",
     "Durante la co-creación sus miembros incluían 2 organizaciones gubernamentales y 1 no gubernamental."),
    ("1.2.yes", {"gov": 2, "ngo": 1}, "en",
     "During co-creation its members included 2 governmental and 1 non-governmental organization."),
    ("S.implementation.not_counted", {"n": 1, "no_progress_presented": 1, "no_civil_society_present": 0,
                                      "no_comments_recorded": 1}, "en",
     "1 session held during implementation did not count: 1 presented no progress of the plan's commitments, 0 had "
     "no civil society present and 1 has no comments recorded."),
    ("S.implementation.not_counted", {"n": 5, "no_progress_presented": 2, "no_civil_society_present": 1,
                                      "no_comments_recorded": 3}, "es",
     "5 sesiones celebradas durante la implementación no cuentan: 2 no presentaron avances de los compromisos del "
     "plan, 1 no tuvo presente a la sociedad civil y 3 no tienen comentarios registrados."),
    ("S.end_assessment.yes", {"n": 1, "pending": 1}, "en",
     "1 end-of-commitment assessment was made on time; 1 is not due yet."),
    ("S.end_assessment.yes", {"n": 2, "pending": 0}, "en",
     "2 end-of-commitment assessments were made on time; 0 are not due yet."),
    ("S.end_assessment.yes", {"n": 1, "pending": 2}, "es",
     "1 evaluación de fin de compromiso se hizo a tiempo; 2 aún no vencen."),
    ("2.4.yes", {"n": 1}, "es", "El 1 aporte recibió una respuesta razonada, comunicada por escrito."),
    ("2.4.yes", {"n": 3}, "es", "Los 3 aportes recibieron una respuesta razonada, comunicada por escrito."),
    ("S.response_time.figures", {"n": 1, "median": 1.0, "max": 1, "waiting": 0}, "en",
     "1 contribution answered in writing: median 1 day, longest 1; 0 waiting."),
    ("S.response_time.figures", {"n": 2, "median": 1.5, "max": 2, "waiting": 0}, "es",
     "2 aportes respondidos por escrito: mediana de 1,5 días, máximo 2; 0 en espera."),
    ("policy.meetings", {"n": 1, "default": 2}, "es",
     "La política del foro pide 1 revisión de avances con la sociedad civil al año (el mínimo de OGP es 2)."),
    ("policy.notice", {"days": 1, "default": 7}, "en",
     "The forum's policy asks for 1 day of advance notice (our default is 7)."),
    ("policy.response", {"days": 15, "default": 30}, "es",
     "La política del foro pide una respuesta escrita en 15 días (nuestro valor por defecto es 30)."),
])
def test_real_messages_agree_with_their_numbers(key, values, lang, expected):
    assert message(key, values, lang) == expected


@pytest.mark.parametrize(("key", "count", "expected"), [
    ("CommitmentDrafted", 1, ("Commitment “—” drafted with 1 milestone", "Compromiso «—» redactado con 1 hito")),
    ("CommitmentDrafted", 3, ("Commitment “—” drafted with 3 milestones", "Compromiso «—» redactado con 3 hitos")),
    ("SessionAnnounced", 0, ("Session “—” announced on — with 0 materials",
                             "Sesión «—» anunciada el — con 0 materiales")),
    ("SessionAnnounced", 1, ("Session “—” announced on — with 1 material", "Sesión «—» anunciada el — con 1 material")),
])
def test_summaries_agree_with_their_counts(key, count, expected):
    assert tuple(fill(t, _Defaults(count=count)) for t in TEMPLATES[key]) == expected


def test_no_template_writes_a_plural_in_parentheses():
    """No "(s)", "(es)" or "(a)s" in an explanation or a summary, in either language."""
    for key, pair in {**MESSAGES, **TEMPLATES}.items():
        for template in pair:
            assert not any(mark in template for mark in ("(s)", "(es)", "(a)s", "(os)")), (key, template)


def test_every_plural_spec_has_one_singular_and_one_plural():
    """A format spec is only ever "singular|plural": no other spec, so "|" never means anything else."""
    for key, pair in {**MESSAGES, **TEMPLATES}.items():
        for template in pair:
            for _, field, spec, _ in FORMATTER.parse(template):
                if field is not None and spec:
                    assert spec.count("|") == 1 and all(spec.split("|")), (key, spec)
