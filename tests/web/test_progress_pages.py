"""The implementation pages (issue 19): the commitment page's "Avance" with the form to report progress (a file
stored as evidence, publications of the plan chosen by title), each refusal in Spanish beside its field with
nothing written; the plan's implementation page as of a day; the dashboard's overdue milestones and commitments
without a report for three months; and the public commitment page, with no person's data and no id.

The story's server stands on 2026-11-20 in Lima; the plan's period is 2026-2027; its commitment has two milestones,
due 2026-04-30 and 2026-07-31, both overdue until reported."""
from __future__ import annotations

import hashlib
import io
import re

import pytest
import sqlalchemy as sa

from tests.api.test_documents import PDF, SVG
from tests.support.api import ApiClient
from tests.support.builders_plans import endorse, publish
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth
from tracker.documents.store import documents

DIAGNOSIS = "Diagnóstico de la información disponible"
QUARTERLY = "Primer reporte trimestral en datos abiertos"
REPORT = "Informe de diagnóstico publicado en el portal regional."
#: What an id, or a document's hash, looks like in a page's text.
AN_ID = re.compile(r"\b(?:cmt|mls|pub|org|frm|pln|rep|con|ses)_[0-9a-z]+|\b[0-9a-f]{64}\b")


def text_of(response) -> str:
    return response.get_data(as_text=True)


def visible(html: str) -> str:
    """The page's text as a person reads it (no tags, no attributes)."""
    return re.sub(r"<[^>]+>", " ", html)


def head(web_app) -> int:
    return web_app.extensions["tracker"].store.head().position


def stored(web_app) -> list[str]:
    with web_app.extensions["tracker"].engine.connect() as conn:
        return list(conn.scalars(sa.select(documents.c.sha256)))


def admin_api(web_app) -> ApiClient:
    services = web_app.extensions["tracker"]
    return ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))


def endorsed(web_app, told) -> tuple[str, dict]:
    """The plan endorsed; its commitment's id and, by title, its milestones' ids."""
    api = admin_api(web_app)
    endorse(api, told.plan)
    listing = text_of(web_app.test_client().get(f"/action-plans/{told.plan}/commitments"))
    commitment = re.search(r'href="/commitments/(cmt_\w+)"', listing).group(1)
    milestones = {m["title"]: m["id"] for m in api.get(f"/commitments/{commitment}")["progress"]["milestones"]}
    return commitment, milestones


def report(client, commitment, file=None, **fields):
    path = f"/commitments/{commitment}"
    data = {"csrf_token": csrf_token(client, path), "status": "in_progress", "reported_on": "2026-04-20",
            "summary": REPORT, **fields}
    if file is not None:
        data["file"] = (io.BytesIO(file[0]), file[1])
    return client.post(f"{path}/progress", data=data, content_type="multipart/form-data")


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_milestone_reported_completed_with_a_file_and_a_publication_records_the_evidence(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    publication = publish(admin_api(web_app), told.plan, kind="repository", title="Informe de diagnóstico 2026",
                          url="https://gobiernoabierto.cajamarca.gob.pe/diagnostico.pdf", published_on="2026-04-20")
    sign_in(client, story.SECRETARIAT)
    form = text_of(client.get(f"/commitments/{commitment}"))
    assert "Avance" in form and "Reportar el avance" in form and "El compromiso en su conjunto" in form
    assert "Informe de diagnóstico 2026" in form and "Sin reportes" in form and "Vencido" in form
    organization = re.search(r'<option value="(org_\w+)">Gobierno Regional de Cajamarca</option>', form).group(1)

    posted = report(client, commitment, (PDF, "informe diagnóstico.pdf"), milestone_id=milestones[DIAGNOSIS],
                    status="completed", evidence=[publication], reported_by_organization=organization)
    assert posted.status_code == 302, text_of(posted)
    sha256 = hashlib.sha256(PDF).hexdigest()
    *_, kept, reported = web_app.extensions["tracker"].store.read_all()
    assert (kept.type, kept.data["sha256"]) == ("DocumentStored", sha256)
    assert reported.type == "ProgressReported" and reported.stream_id == commitment
    assert reported.data["milestone_id"] == milestones[DIAGNOSIS] and reported.data["status"] == "completed"
    assert reported.data["evidence"] == [publication, sha256]
    assert reported.data["reported_by_organization"] == organization

    page = text_of(client.get(posted.headers["Location"]))
    assert "Se registró el avance." in page
    section = page[page.index('id="avance"'):]
    assert "Completado" in section and REPORT in section
    assert f'href="/api/v1/documents/{sha256}"' in section and "informe diagnóstico.pdf" in section
    assert 'href="https://gobiernoabierto.cajamarca.gob.pe/diagnostico.pdf"' in section
    assert "Informado por Gobierno Regional de Cajamarca" in section


@pytest.mark.parametrize(("fields", "field", "sentence"), [
    ({"status": "completed"}, "evidence",
     "Para marcarlo como completado, adjunte la evidencia o escriba por qué no puede publicarse."),
    ({"status": "cancelled"}, "reason", "Para cancelarlo, escriba el motivo (el resumen no lo es)."),
    ({"reported_on": "2025-12-31"}, "reported_on",
     "Antes de que empiece el periodo del plan, el 1 de enero de 2026."),
])
def test_each_refusal_says_why_in_spanish_beside_its_field_and_writes_nothing(web_app, client, told, fields, field,
                                                                              sentence):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.SECRETARIAT)
    before = head(web_app)
    refused = report(client, commitment, milestone_id=milestones[QUARTERLY], **fields)
    assert refused.status_code in (409, 422)
    page = text_of(refused)
    assert "No se registró nada" in page
    beside = page[page.index(f'id="{field}-error"'):][:300]
    assert sentence in beside
    assert REPORT in page  # what was typed is kept
    assert head(web_app) == before


def test_a_second_report_of_the_same_day_is_refused_and_its_file_is_not_stored(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.SECRETARIAT)
    assert report(client, commitment, milestone_id=milestones[QUARTERLY]).status_code == 302
    before = head(web_app)
    refused = report(client, commitment, (PDF, "otro.pdf"), milestone_id=milestones[QUARTERLY], status="completed")
    assert refused.status_code == 409
    assert ("Ya se reportó el avance del 20 de abril de 2026: para cambiar ese reporte, escriba el motivo de la "
            "corrección.") in text_of(refused)
    assert head(web_app) == before and stored(web_app) == []
    corrected = report(client, commitment, (PDF, "otro.pdf"), milestone_id=milestones[QUARTERLY], status="completed",
                       **{"correction.reason": "El informe se publicó ese mismo día"})
    assert corrected.status_code == 302
    page = text_of(client.get(f"/commitments/{commitment}"))
    assert "Corrección: El informe se publicó ese mismo día" in page
    assert "Reemplazado por una corrección posterior." in page


def test_a_file_of_a_refused_type_is_refused_in_spanish_beside_its_field_and_nothing_is_written(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.SECRETARIAT)
    before = head(web_app)
    refused = report(client, commitment, (SVG, "informe.pdf"), milestone_id=milestones[DIAGNOSIS], status="completed")
    assert refused.status_code == 415
    page = text_of(refused)
    assert "No se registró nada" in page and REPORT in page
    beside = page[page.index('id="file-error"'):][:300]
    assert "El archivo debe ser un PDF, una imagen" in beside and "The file" not in page
    assert head(web_app) == before and stored(web_app) == []


def test_who_may_not_write_the_forum_may_not_report_progress(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.EVALUATOR)
    before = head(web_app)
    refused = client.post(f"/commitments/{commitment}/progress", data={
        "csrf_token": csrf_token(client, "/"), "status": "in_progress", "reported_on": "2026-04-20", "summary": "x"})
    assert refused.status_code == 403 and head(web_app) == before


def test_the_dashboard_lists_the_overdue_milestones_and_the_commitments_without_a_report_for_three_months(
        web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.SECRETARIAT)
    board = text_of(client.get(f"/forums/{told.forum}/dashboard"))
    tile = board[board.index('id="implementation"'):board.index("</section>", board.index('id="implementation"'))]
    assert "2 hitos vencidos" in tile and DIAGNOSIS in tile and QUARTERLY in tile
    assert f'href="/commitments/{commitment}#avance"' in tile
    assert "1 compromiso sin reporte de avance en tres meses" in tile and "aún sin reportes" in tile
    # a report within the last ninety days clears the second flag; completing the first milestone, the first
    assert report(client, commitment, milestone_id=milestones[DIAGNOSIS], status="completed", reported_on="2026-10-01",
                  reason="El informe contiene datos personales.").status_code == 302
    board = text_of(client.get(f"/forums/{told.forum}/dashboard"))
    tile = board[board.index('id="implementation"'):board.index("</section>", board.index('id="implementation"'))]
    assert "1 hito vencido" in tile and QUARTERLY in tile and DIAGNOSIS not in tile
    assert "sin reporte de avance" not in tile


def test_the_plans_implementation_page_gives_each_commitments_completion_in_words_as_of_a_day(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    sign_in(client, story.SECRETARIAT)
    assert report(client, commitment, milestone_id=milestones[DIAGNOSIS], status="completed", reported_on="2026-05-02",
                  reason="El informe contiene datos personales.").status_code == 302
    page = text_of(client.get(f"/action-plans/{told.plan}/implementation"))
    assert "Implementación" in page and "Sustancial" in page and "1 de 2 hitos completados" in page
    assert "1 hito vencido" in page and "último reporte: 2 de mayo de 2026" in page
    earlier = text_of(client.get(f"/action-plans/{told.plan}/implementation?as_of=2026-03-01"))
    assert "Sin evidencia disponible" in earlier and "Ningún hito está vencido." in earlier
    wrong = client.get(f"/action-plans/{told.plan}/implementation?as_of=mañana")
    assert wrong.status_code == 422 and 'id="as_of-error"' in text_of(wrong)
    plan_page = text_of(client.get(f"/action-plans/{told.plan}"))
    assert f'href="/action-plans/{told.plan}/implementation"' in plan_page


def test_the_public_commitment_page_shows_progress_and_evidence_but_no_person_and_no_id(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    writer = web_app.test_client()
    sign_in(writer, story.SECRETARIAT)
    form = text_of(writer.get(f"/commitments/{commitment}"))
    organization = re.search(r'<option value="(org_\w+)">Gobierno Regional de Cajamarca</option>', form).group(1)
    assert report(writer, commitment, (PDF, "Informe Ana Quispe.pdf"), milestone_id=milestones[DIAGNOSIS],
                  status="completed", reported_by_organization=organization).status_code == 302
    sha256 = hashlib.sha256(PDF).hexdigest()

    page = client.get(f"/forums/{told.forum}/commitments/{commitment}")
    assert page.status_code == 200
    html = text_of(page)
    assert "Presupuesto participativo abierto y trimestral" in html
    assert "Completado" in html and "Vencido" in html and "Sin reportes" in html and REPORT in html
    assert f'href="/api/v1/documents/{sha256}"' in html
    assert "Informe Ana Quispe.pdf" not in html  # a file's name may name a person: the public reads its kind
    assert client.get(f"/api/v1/documents/{sha256}").data == PDF
    for personal in (*story.EMAILS, story.MINOR, "Ana Quispe"):
        assert personal not in html
    assert AN_ID.findall(visible(html)) == []

    forum = text_of(client.get(f"/forums/{told.forum}"))
    section = forum[forum.index('id="progress"'):]
    assert f'href="/forums/{told.forum}/commitments/{commitment}"' in section
    assert "Sustancial: 1" in section and "1 de 2 hitos completados" in section
    assert client.get(f"/forums/{told.other_forum}/commitments/{commitment}").status_code == 404


def test_a_document_an_admin_withdrew_is_not_linked_on_the_public_page(web_app, client, told):
    commitment, milestones = endorsed(web_app, told)
    writer = web_app.test_client()
    sign_in(writer, story.SECRETARIAT)
    assert report(writer, commitment, (PDF, "acta.pdf"), milestone_id=milestones[DIAGNOSIS],
                  status="completed").status_code == 302
    sha256 = hashlib.sha256(PDF).hexdigest()
    admin_api(web_app).post(f"/documents/{sha256}/withdrawal", {"reason": "Muestra el DNI de una persona"})
    html = text_of(client.get(f"/forums/{told.forum}/commitments/{commitment}"))
    assert f"/api/v1/documents/{sha256}" not in html
    assert "retirado por un administrador" in html
