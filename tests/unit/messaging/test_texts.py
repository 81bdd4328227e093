"""The short messages' texts: a reminder by SMS in at most two segments, WhatsApp parameters on one line."""
from __future__ import annotations

from tests.unit import given
from tracker.domain import session as session_rules
from tracker.messaging import messages
from tracker.messaging.texts import gsm7, parameter, segments, sms

LONG_VENUE = ("Auditorio principal de la Municipalidad Provincial de Hualgayoc-Bambamarca, Jr. Miguel Grau 650, "
              "segundo piso, frente a la plaza de armas")


def scheduled(**changes: object):
    return given.folded(session_rules.fold, given.session_scheduled(**changes), stream=given.SESSION_ID)


def test_a_spanish_reminder_by_sms_is_written_in_gsm7_within_two_segments_keeping_day_time_and_link():
    forum = given.forum(established=given.forum_established(country="PE"))
    state = scheduled(title="Sesión extraordinaria sobre el presupuesto participativo y la rendición de cuentas",
                      venue=LONG_VENUE)
    link = f"https://gobiernoabierto.cajamarca.gob.pe/forums/{forum.id}#session-{state.id}"
    message = messages.reminder(forum, state, "Santos Huamán", "+51976543210", link)
    assert message.text == gsm7(message.text) and segments(message.text) <= 2  # é is GSM-7; á, í, ó, ú are not
    assert "mar 20 ene 2026, 15:00" in message.text and message.text.endswith(link)
    assert "Sesion extraordinaria" in message.text and "..." in message.text  # accents dropped, venue shortened
    assert message.parameters[4] == LONG_VENUE  # WhatsApp has room: the parameter is whole


def test_a_short_reminder_is_whole_and_counts_its_segments_as_phones_do():
    forum = given.forum()
    message = messages.reminder(forum, scheduled(), "Ana", "+51976111222", None)
    assert message.text == ("Hola, Ana: le recordamos la sesion \"Sesion ordinaria 1\" del Foro Multiactor de "
                            "Gobierno Abierto, el mar 20 ene 2026, 15:00, en Sala de sesiones. Consulte a la "
                            "secretaria técnica.")
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("á" * 70) == 1 and segments("á" * 71) == 2  # UCS-2
    assert segments("€" * 80) == 1 and segments("€" * 81) == 2  # an extension character takes two septets


def test_a_whatsapp_parameter_is_one_line_without_runs_of_spaces():
    assert parameter("Sala 1\n\tpiso     2") == "Sala 1 piso 2"
    assert len(parameter("x" * 500)) == 200


def test_texts_fit_even_when_nothing_can_be_shortened():
    text = sms("reminder", "es", ("A", "B", "C", "D", "E", "https://example.org/" + "x" * 400), shorten=())
    assert segments(text) <= 2


def test_the_english_reminder_writes_the_day_in_english():
    forum = given.forum(established=given.forum_established(language="en"))
    message = messages.reminder(forum, scheduled(), "Ana", "+51976111222", None)
    assert message.language == "en" and message.parameters[3] == "Tue 20 Jan 2026, 15:00"
