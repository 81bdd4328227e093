"""The session pages: a forum's sessions and one session, and forms that schedule, announce, reschedule, cancel,
record attendance and minutes exactly as the API does (its messages beside the fields, nothing appended when
refused), with corrections of what was already recorded, closed to those who may not write the forum."""
from __future__ import annotations

import re

import pytest

from tests.support.api import ApiClient
from tests.web import story
from tests.web.conftest import csrf_token, sign_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def log(web_app) -> list:
    return list(web_app.extensions["tracker"].store.read_all())


def session_id(client, forum: str, title: str) -> str:
    sessions = client.get(f"/api/v1/forums/{forum}/sessions").get_json()
    return next(s["id"] for s in sessions if s["title"] == title)


def rep_ids(client, forum: str) -> dict[str, str]:
    body = client.get(f"/api/v1/forums/{forum}").get_json()
    return {r["name"]: r["id"] for r in body["representatives"] if r["name"]}


def post(client, path: str, data: dict):
    return client.post(path, data={"csrf_token": csrf_token(client, "/"), **data})


HELD = "Sesión de aprobación del plan"


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_sessions_page_lists_every_session_with_its_status(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/sessions?lang=en"))
    assert re.search(story.NEXT_SESSION + r".*Scheduled.*not announced", page, re.S)
    assert re.search(HELD + r".*Held.*minutes recorded", page, re.S)
    assert "Schedule a session" in page


def test_scheduling_a_session_sends_the_local_time_with_the_forums_offset(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    answer = post(client, f"/forums/{told.forum}/sessions",
                  {"title": "Taller de co-creación de enero", "kind": "cocreation_workshop",
                   "scheduled_at": "2027-01-14T10:00", "venue": "Auditorio de la UNC", "modality": "in_person",
                   "number": "13", "action_plan_id": told.plan, "agenda": "Bienvenida\n\nMesas de trabajo\n"})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/sessions/")
    scheduled = log(web_app)[-1]
    assert scheduled.type == "SessionScheduled"
    assert scheduled.data["scheduled_at"].startswith("2027-01-14T15:00")  # 10:00 in Lima is 15:00 UTC
    assert [a["title"] for a in scheduled.data["agenda"]] == ["Bienvenida", "Mesas de trabajo"]
    assert scheduled.data["number"] == 13
    assert "Taller de co-creación de enero" in text_of(client.get(answer.headers["Location"]))


def test_an_invalid_session_shows_the_apis_messages_beside_the_fields(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = post(client, f"/forums/{told.forum}/sessions?lang=en",
                  {"title": "Taller sin fecha", "kind": "party", "scheduled_at": "mañana", "venue": "Auditorio",
                   "modality": "in_person", "agenda": "Bienvenida"})
    page = text_of(answer)
    assert answer.status_code == 422
    assert re.search(r'id="kind-error">Choose one of the options offered', page)
    assert re.search(r'id="scheduled_at-error">Enter a date and a time', page)
    assert 'value="Taller sin fecha"' in page and 'value="mañana"' in page and ">Bienvenida</textarea>" in page
    assert len(log(web_app)) == before


def test_announcing_with_materials_then_correcting_the_announcement(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    answer = post(client, f"/sessions/{sid}/announcement",
                  {"announced_on": "2026-11-19", "channels": ["email", "whatsapp"],
                   "materials.0.title": "Agenda", "materials.0.url": "https://gobiernoabierto.cajamarca.gob.pe/a.pdf",
                   "materials.1.title": "", "materials.1.url": ""})
    assert answer.status_code == 302, text_of(answer)
    announced = log(web_app)[-1]
    assert announced.type == "SessionAnnounced" and announced.data["channels"] == ["email", "whatsapp"]
    assert announced.data["materials"][0]["sha256"] is None  # a link's fingerprint is never typed: uploads have one
    form = text_of(client.get(f"/sessions/{sid}/announcement?lang=en"))
    assert 'value="Agenda"' in form and 'name="correction.reason"' in form
    refused = post(client, f"/sessions/{sid}/announcement?lang=en",
                   {"announced_on": "2026-11-20", "channels": ["email"]})
    assert refused.status_code == 409
    assert re.search(r'id="correction.reason-error">This was already recorded: give the reason', text_of(refused))
    corrected = post(client, f"/sessions/{sid}/announcement",
                     {"announced_on": "2026-11-20", "channels": ["email"], "correction.reason": "Fecha errada"})
    assert corrected.status_code == 302
    assert log(web_app)[-1].data["correction_reason"] == "Fecha errada"


def test_a_material_without_a_link_is_refused_beside_its_row(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    before = len(log(web_app))
    answer = post(client, f"/sessions/{sid}/announcement?lang=en",
                  {"announced_on": "2026-11-19", "materials.0.title": "Agenda", "materials.0.url": "ftp://x"})
    page = text_of(answer)
    assert answer.status_code == 422
    assert re.search(r'id="channels-error">This field is required', page)
    assert re.search(r'id="materials.0.url-error">Enter a web address', page)
    assert 'value="ftp://x"' in page
    assert len(log(web_app)) == before


def test_rescheduling_and_cancelling(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    assert post(client, f"/sessions/{sid}/rescheduling",
                {"scheduled_at": "2026-12-11T15:00", "reason": "Feriado"}).status_code == 302
    assert log(web_app)[-1].type == "SessionRescheduled"
    assert post(client, f"/sessions/{sid}/cancellation", {"reason": "Paro regional"}).status_code == 302
    assert log(web_app)[-1].type == "SessionCancelled"
    assert "Cancelled" in text_of(client.get(f"/sessions/{sid}?lang=en"))


def test_recording_attendance_by_ticking_the_roster_with_guests(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    assert post(client, f"/sessions/{sid}/rescheduling", {"scheduled_at": "2026-11-18T15:00"}).status_code == 302
    form = text_of(client.get(f"/sessions/{sid}/record?lang=en"))
    people = rep_ids(client, told.forum)
    assert f'value="{people["Ana Quispe"]}"' in form and "Luis Chávez" in form
    answer = post(client, f"/sessions/{sid}/record",
                  {"held_at": "2026-11-18T15:10", "attendance": [people["Ana Quispe"], people["Jorge Díaz"]],
                   "guests.0.name": "Pedro Silva", "guests.0.organization": "UNC", "guests.0.sector": "academia",
                   "public_attendees": "12"})
    assert answer.status_code == 302, text_of(answer)
    held = log(web_app)[-1]
    assert held.type == "SessionHeld"
    assert [a.get("representative_id") for a in held.data["attendance"]][:2] == [people["Ana Quispe"],
                                                                                 people["Jorge Díaz"]]
    assert held.data["public_attendees"] == 12
    assert "Pedro Silva" in text_of(client.get(f"/sessions/{sid}?lang=en"))


def test_a_guest_without_a_sector_is_refused_beside_the_guests_row(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    people = rep_ids(client, told.forum)
    before = len(log(web_app))
    answer = post(client, f"/sessions/{sid}/record?lang=en",
                  {"held_at": "2026-11-18T15:10", "attendance": [people["Ana Quispe"]],
                   "guests.0.name": "Pedro Silva", "public_attendees": "doce"})
    page = text_of(answer)
    assert answer.status_code == 422
    assert re.search(r'id="guests.0.sector-error">Required for a guest', page)
    assert re.search(r'id="public_attendees-error">Enter a whole number', page)
    assert 'value="Pedro Silva"' in page and re.search(rf'value="{people["Ana Quispe"]}" checked', page)
    assert len(log(web_app)) == before


def test_recording_minutes_with_signatures_and_correcting_them(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    people = rep_ids(client, told.forum)
    form = text_of(client.get(f"/sessions/{sid}/minutes?lang=en"))
    assert "Reason for the correction" in form  # the story's session already has minutes
    answer = post(client, f"/sessions/{sid}/minutes",
                  {"document.title": "Acta corregida", "document.url": "https://gobiernoabierto.cajamarca.gob.pe/3b.pdf",
                   "approved_on": "2025-11-21", "signed_by": [people["Ana Quispe"]],
                   "correction.reason": "Faltaba una firma"})
    assert answer.status_code == 302, text_of(answer)
    minuted = log(web_app)[-1]
    assert minuted.type == "MinutesRecorded" and minuted.data["signed_by"] == [people["Ana Quispe"]]
    assert minuted.data["correction_reason"] == "Faltaba una firma"


def test_recording_minutes_with_a_publication_date_stores_it_and_shows_it(client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    form = text_of(client.get(f"/sessions/{sid}/minutes?lang=en"))
    assert "Published on" in form and "check 2.3" in form
    answer = post(client, f"/sessions/{sid}/minutes",
                  {"document.title": "Acta firmada", "document.url": "https://gobiernoabierto.cajamarca.gob.pe/3c.pdf",
                   "approved_on": "2025-11-21", "published_on": "2025-11-28",
                   "correction.reason": "Se publicó el acta"})
    assert answer.status_code == 302, text_of(answer)
    assert client.get(f"/api/v1/sessions/{sid}").get_json()["minutes"]["published_on"] == "2025-11-28"
    page = text_of(client.get(f"/sessions/{sid}?lang=es"))
    assert "Publicada el 28 de noviembre de 2025" in page
    form = text_of(client.get(f"/sessions/{sid}/minutes?lang=es"))
    assert "Publicada el" in form and 'value="2025-11-28"' in form


def test_minutes_published_before_they_were_approved_are_refused_beside_the_field(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    before = len(log(web_app))
    answer = post(client, f"/sessions/{sid}/minutes?lang=en",
                  {"document.title": "Acta firmada", "document.url": "https://gobiernoabierto.cajamarca.gob.pe/3c.pdf",
                   "approved_on": "2025-11-21", "published_on": "2025-11-20",
                   "correction.reason": "Se publicó el acta"})
    assert answer.status_code == 422
    page = text_of(answer)
    assert re.search(r'id="published_on-error">Before the minutes were approved, on November 21, 2025', page)
    assert 'value="2025-11-20"' in page and 'value="Acta firmada"' in page
    assert len(log(web_app)) == before
    assert client.get(f"/api/v1/sessions/{sid}").get_json()["minutes"]["published_on"] is None


@pytest.mark.parametrize("email", [story.EVALUATOR, story.OTHER_SECRETARIAT])
def test_those_who_may_not_write_are_refused(web_app, client, told, email):
    sign_in(client, email)
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    before = len(log(web_app))
    answer = post(client, f"/sessions/{sid}/cancellation", {"reason": "No"})
    assert answer.status_code == 403
    assert post(client, f"/forums/{told.forum}/sessions", {"title": "X"}).status_code == 403
    assert len(log(web_app)) == before
    if email == story.EVALUATOR:
        page = text_of(client.get(f"/sessions/{sid}?lang=en"))
        assert "read-only" in page and "Reschedule" not in page


def test_anonymous_visitors_are_sent_to_sign_in(client, told):
    sid = session_id(client, told.forum, story.NEXT_SESSION)
    for path in (f"/forums/{told.forum}/sessions", f"/sessions/{sid}", f"/sessions/{sid}/record"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login"), path


class _RefusingMailer:
    """A mail server that refuses every message."""

    sender = "foro@example.org"

    def send(self, message) -> None:
        from tracker.mail.sender import MailError

        raise MailError("the server refused the message")


def test_the_dashboard_says_when_the_next_sessions_reminder_is_due_and_who_has_it(web_app, client, clock, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard?lang=en"))
    status = re.search(r'id="reminder-status">(.*?)</div>', page, re.S).group(1)
    assert "Reminder due on" in status and "December 1, 2026" in status  # 3 days before, 09:00 in Lima
    assert "sent to 0 representatives" in status and "pending for 1" in status  # Ana has the only email
    assert "3 representatives have no email" in status
    assert 'href="/sessions/' in page and f'href="/forums/{told.forum}/roster"' in page
    assert f'href="/action-plans/{told.plan}"' in page


@pytest.mark.parametrize("works", [True, False])
def test_the_reminder_status_follows_the_delivery_events(web_app, client, clock, told, works):
    from datetime import datetime

    from tests.support.smtp import SmtpServer
    from tracker.scheduler.tick import tick

    clock.now = datetime.fromisoformat("2026-12-01T09:30:00-05:00")
    services = web_app.extensions["tracker"]
    if works:
        with SmtpServer() as inbox:
            tick(services, inbox.mailer(), clock.now, claimed_by="test")
    else:
        tick(services, _RefusingMailer(), clock.now, claimed_by="test")
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard?lang=en"))
    status = re.search(r'id="reminder-status">(.*?)</div>', page, re.S).group(1)
    assert "Reminder due since" in status
    if works:
        assert re.search(r"sent to 1 representative\b", status) and "failed for 0" in status
        assert "pending for 0" in status
    else:
        assert "sent to 0 representatives" in status and "failed for 1" in status


def test_a_session_links_to_its_plan_and_an_unknown_session_is_not_found(client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    assert f'href="/action-plans/{told.plan}"' in text_of(client.get(f"/sessions/{sid}?lang=en"))
    assert client.get("/sessions/ses_nothing").status_code == 404
    assert client.get("/sessions/ses_nothing/record").status_code == 404


# -- reviews of progress: an agenda item presenting commitments, the comments collected with the minutes ----------

COMMITMENT = "Presupuesto participativo abierto y trimestral"  # the story's commitment (tests.support.builders_plans)


def commitment_id(web_app) -> str:
    return next(e.stream_id for e in log(web_app) if e.type == "CommitmentDrafted")


def org_ids(client, forum: str) -> dict[str, str]:
    return {o["name"]: o["id"] for o in client.get(f"/api/v1/forums/{forum}").get_json()["organizations"]}


def test_scheduling_a_session_that_presents_the_progress_of_chosen_commitments(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    form = text_of(client.get(f"/forums/{told.forum}/sessions?lang=es"))
    commitment = commitment_id(web_app)
    assert "Compromisos cuyo avance se presenta" in form and COMMITMENT in form
    answer = post(client, f"/forums/{told.forum}/sessions",
                  {"title": "Revisión de avances", "kind": "forum_session", "scheduled_at": "2026-12-10T10:00",
                   "venue": "Sala de sesiones", "modality": "hybrid", "agenda": "Bienvenida",
                   "presents_progress_of": [commitment], "progress_title": ""})
    assert answer.status_code == 302, text_of(answer)
    assert log(web_app)[-1].data["agenda"] == [
        {"title": "Bienvenida", "proposed_by_organization": None},
        {"title": "Avance de los compromisos", "proposed_by_organization": None, "presents_progress_of": [commitment]}]
    page = text_of(client.get(answer.headers["Location"]))
    assert f"Presenta el avance de: {COMMITMENT}" in page and commitment not in page


def test_presenting_what_is_not_a_commitment_of_the_forum_is_refused_beside_the_commitments(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = post(client, f"/forums/{told.forum}/sessions?lang=es",
                  {"title": "Revisión de avances", "kind": "forum_session", "scheduled_at": "2026-12-10T10:00",
                   "venue": "Sala de sesiones", "modality": "hybrid", "presents_progress_of": [told.plan],
                   "progress_title": "Informe de avance"})
    assert answer.status_code == 422
    page = text_of(answer)
    assert 'id="presents_progress_of-error"' in page and 'value="Informe de avance"' in page
    assert told.plan not in re.sub(r'"[^"]*"', "", page)  # the id is never shown (only in links and values)
    assert len(log(web_app)) == before


def test_recording_minutes_with_the_comments_collected_and_reading_them_in_spanish(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    orgs = org_ids(client, told.forum)
    form = text_of(client.get(f"/sessions/{sid}/minutes?lang=es"))
    assert all(f'name="comments.{i}.text"' in form for i in range(3)) and "Comentarios recogidos" in form
    answer = post(client, f"/sessions/{sid}/minutes",
                  {"document.title": "Acta con comentarios", "document.url": "https://gobiernoabierto.cajamarca.gob.pe/3d.pdf",
                   "approved_on": "2025-11-21", "correction.reason": "Faltaban los comentarios",
                   "comments.0.organization_id": orgs["Asociación Civil Transparencia Cajamarca"],
                   "comments.0.text": "Pedimos el cronograma de obras.",
                   "comments.1.organization_id": "", "comments.1.text": "Una vecina preguntó por Jaén.",
                   "comments.2.organization_id": orgs["Consejo Regional de la Juventud"],
                   "comments.2.text": "Queremos talleres en los colegios."})
    assert answer.status_code == 302, text_of(answer)
    assert [c["text"] for c in log(web_app)[-1].data["comments"]] == [
        "Pedimos el cronograma de obras.", "Una vecina preguntó por Jaén.", "Queremos talleres en los colegios."]
    page = text_of(client.get(f"/sessions/{sid}?lang=es"))
    assert "Comentarios recogidos" in page
    assert "Asociación Civil Transparencia Cajamarca:</strong> Pedimos el cronograma de obras." in page
    assert "Sin organización:</strong> Una vecina preguntó por Jaén." in page
    form = text_of(client.get(f"/sessions/{sid}/minutes?lang=es"))  # a correction starts from what is recorded
    assert ">Queremos talleres en los colegios.</textarea>" in form and 'name="comments.5.text"' in form


def test_a_comment_without_text_is_refused_beside_its_row(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    orgs = org_ids(client, told.forum)
    before = len(log(web_app))
    answer = post(client, f"/sessions/{sid}/minutes?lang=es",
                  {"document.title": "Acta con comentarios", "document.url": "https://gobiernoabierto.cajamarca.gob.pe/3d.pdf",
                   "approved_on": "2025-11-21", "correction.reason": "Faltaban los comentarios",
                   "comments.0.text": "Bien.",
                   "comments.1.organization_id": orgs["Consejo Regional de la Juventud"], "comments.1.text": "  "})
    assert answer.status_code == 422
    page = text_of(answer)
    assert 'id="comments.1.text-error"' in page and "Comentario 2" in page
    assert len(log(web_app)) == before


def _agreed_to_whatsapp(web_app, forum: str) -> str:
    """A representative of the story's first organization with a phone who agreed to WhatsApp."""
    from tests.support.builders import designate
    from tracker.auth import service as auth

    services = web_app.extensions["tracker"]
    api = ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
    org = api.get(f"/forums/{forum}")["organizations"][0]["id"]
    return designate(api, forum, org, "Santos Huamán", role="alternate", phone="+51 976 543 210",
                     opt_in=["whatsapp"])


def test_the_dashboard_says_a_channel_is_not_configured_and_who_agreed_to_it(web_app, client, told):
    _agreed_to_whatsapp(web_app, told.forum)
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard"))
    whatsapp = re.search(r'id="reminder-whatsapp">(.*?)</p>', page, re.S).group(1)
    assert whatsapp == "WhatsApp no está configurado: no se envía nada por ese canal. 1 representante lo aceptó."
    sms = re.search(r'id="reminder-sms">(.*?)</p>', page, re.S).group(1)
    assert sms == "SMS no está configurado: no se envía nada por ese canal."


def test_the_dashboard_shows_the_reminders_delivery_by_whatsapp(web_app, client, clock, told):
    from datetime import datetime

    from tests.support.smtp import SmtpServer
    from tests.support.whatsapp import PHONE_NUMBER_ID, TOKEN, CloudApiServer
    from tracker.scheduler.tick import Senders, tick

    _agreed_to_whatsapp(web_app, told.forum)
    clock.now = datetime.fromisoformat("2026-12-01T09:30:00-05:00")
    services = web_app.extensions["tracker"]
    with SmtpServer() as inbox, CloudApiServer() as cloud:
        tick(services, Senders(inbox.mailer(), {"whatsapp": cloud.messenger()}), clock.now, claimed_by="test")
        assert len(cloud.sent) == 1
    web_app.config.update(WHATSAPP_TOKEN=TOKEN, WHATSAPP_PHONE_NUMBER_ID=PHONE_NUMBER_ID)
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/dashboard"))
    whatsapp = re.search(r'id="reminder-whatsapp">(.*?)</p>', page, re.S).group(1)
    assert whatsapp.startswith("Por WhatsApp: enviado a 1 representante") and "pendiente para 0" in whatsapp
