"""The pages' upload fields: the minutes form (and the publication, endorsement and submission forms) store a chosen
file and record its address and the SHA-256 the server computed; a refused file, or a form the record refuses,
records nothing and stores nothing; the CSRF check still holds on a multipart form."""
from __future__ import annotations

import hashlib
import io

import pytest
import sqlalchemy as sa

from tests.api.test_documents import PDF, SVG
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tests.web.test_plan_pages import rep_ids
from tests.web.test_session_pages import HELD, session_id
from tracker.documents.store import documents


def log(app):
    return list(app.extensions["tracker"].store.read_all())


def stored(app) -> list[str]:
    with app.extensions["tracker"].engine.connect() as conn:
        return list(conn.scalars(sa.select(documents.c.sha256)))


def minutes_form(client, path, file, csrf=True, **fields):
    data = {"document.title": "Acta de la sesión de aprobación", "approved_on": "2025-11-21",
            "correction.reason": "El acta escaneada reemplaza al enlace", **fields}
    if csrf:
        data["csrf_token"] = csrf_token(client, "/")
    if file is not None:
        data["document.file"] = (io.BytesIO(file[0]), file[1])
    return client.post(path, data=data, content_type="multipart/form-data")


@pytest.mark.both_engines
def test_minutes_with_a_file_record_the_stored_files_address_and_hash(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    form = client.get(f"/sessions/{sid}/minutes?lang=es").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    assert 'name="document.sha256"' not in form  # nobody types a hash
    answer = minutes_form(client, f"/sessions/{sid}/minutes", (PDF, "acta firmada.pdf"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    *_, minuted, kept = log(web_app)
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert minuted.type == "MinutesRecorded"
    assert minuted.data["document"]["sha256"] == sha256
    assert minuted.data["document"]["url"] == f"http://localhost/api/v1/documents/{sha256}"
    assert (kept.type, kept.data["sha256"], kept.tenant_id) == ("DocumentStored", sha256, told.forum)
    served = client.get(f"/api/v1/documents/{sha256}")
    assert served.data == PDF and served.mimetype == "application/pdf"
    # a correction that keeps the link keeps the hash, though the form never shows it
    again = client.get(f"/sessions/{sid}/minutes").get_data(as_text=True)
    assert f'name="document.recorded_sha256" value="{sha256}"' in again


def test_a_refused_file_records_nothing_and_stores_nothing(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    before = len(log(web_app))
    answer = minutes_form(client, f"/sessions/{sid}/minutes?lang=en", (SVG, "acta.pdf"))
    assert answer.status_code == 415
    assert 'id="document.file-error"' in answer.get_data(as_text=True)
    assert len(log(web_app)) == before and stored(web_app) == []


def test_the_upload_form_still_needs_its_csrf_token(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sid = session_id(client, told.forum, HELD)
    before = len(log(web_app))
    answer = minutes_form(client, f"/sessions/{sid}/minutes", (PDF, "acta.pdf"), csrf=False)
    assert answer.status_code == 400
    assert len(log(web_app)) == before and stored(web_app) == []


def test_a_publication_with_a_file(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    answer = client.post(f"/action-plans/{told.plan}/publications", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, "/"), "kind": "action_plan", "title": "Plan de acción 2025-2027",
        "published_on": "2025-11-28", "file": (io.BytesIO(PDF), "plan.pdf")})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    *_, published, kept = log(web_app)
    assert published.type == "PublicationMade" and published.data["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert kept.type == "DocumentStored"


def plan_form(client, path, file, **fields):
    """Post a plan's form whose document (`document.title`, `document.file`) is the resolution or the submission."""
    data = {"csrf_token": csrf_token(client, "/"), "document.title": "Resolución 012-2025 del foro", **fields}
    if file is not None:
        data["document.file"] = (io.BytesIO(file[0]), file[1])
    return client.post(path, data=data, content_type="multipart/form-data")


@pytest.mark.both_engines
def test_an_endorsement_with_its_resolution_as_a_file(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    form = client.get(f"/action-plans/{told.plan}/endorsement?lang=es").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'name="document.file"' in form
    assert 'name="document.sha256"' not in form  # nobody types a hash
    ana = rep_ids(client, told.forum)["Ana Quispe"]
    answer = plan_form(client, f"/action-plans/{told.plan}/endorsement", (PDF, "resolución.pdf"),
                       endorsed_on="2025-11-20", signed_by=[ana])
    assert answer.status_code == 302, answer.get_data(as_text=True)
    *_, endorsed, kept = log(web_app)
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert endorsed.type == "PlanEndorsed"
    assert endorsed.data["document"] == {"title": "Resolución 012-2025 del foro", "sha256": sha256,
                                         "url": f"http://localhost/api/v1/documents/{sha256}"}
    assert (kept.type, kept.data["sha256"], kept.tenant_id) == ("DocumentStored", sha256, told.forum)
    served = client.get(f"/api/v1/documents/{sha256}")
    assert served.data == PDF and served.mimetype == "application/pdf"
    page = client.get(f"/action-plans/{told.plan}").get_data(as_text=True)
    assert f'href="http://localhost/api/v1/documents/{sha256}"' in page


@pytest.mark.parametrize("fields, status", [
    ({"endorsed_on": "2025-01-15"}, 409),  # before the co-creation started: the record refuses it
    ({"endorsed_on": "2025-11-20", "document.title": ""}, 422),  # the document has no title
])
def test_a_refused_endorsement_stores_no_file(web_app, client, told, fields, status):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = plan_form(client, f"/action-plans/{told.plan}/endorsement?lang=en", (PDF, "resolución.pdf"), **fields)
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert len(log(web_app)) == before and stored(web_app) == []


def test_an_endorsement_with_a_refused_file_records_nothing(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = plan_form(client, f"/action-plans/{told.plan}/endorsement?lang=en", (SVG, "resolución.pdf"),
                       endorsed_on="2025-11-20")
    assert answer.status_code == 415
    assert 'id="document.file-error"' in answer.get_data(as_text=True)
    assert len(log(web_app)) == before and stored(web_app) == []


@pytest.mark.both_engines
def test_the_plans_submission_with_its_document_as_a_file(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    page = client.get(f"/action-plans/{told.plan}?lang=en").get_data(as_text=True)
    assert "The plan has not been submitted to OGP yet." in page
    form = client.get(f"/action-plans/{told.plan}/submission?lang=en").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'name="document.file"' in form
    assert 'name="document.sha256"' not in form
    answer = plan_form(client, f"/action-plans/{told.plan}/submission", (PDF, "plan enviado.pdf"),
                       submitted_on="2025-12-01")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    *_, submitted, kept = log(web_app)
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert submitted.type == "ActionPlanSubmitted"
    assert submitted.data["document"]["sha256"] == sha256
    assert submitted.data["document"]["url"] == f"http://localhost/api/v1/documents/{sha256}"
    assert (kept.type, kept.data["sha256"]) == ("DocumentStored", sha256)
    assert client.get(f"/api/v1/documents/{sha256}").data == PDF
    page = client.get(f"/action-plans/{told.plan}?lang=en").get_data(as_text=True)
    assert "Submitted on" in page and f'href="http://localhost/api/v1/documents/{sha256}"' in page
    # once: a second submission is refused, and its file is not stored
    before = len(log(web_app))
    again = plan_form(client, f"/action-plans/{told.plan}/submission", (PDF + b"% otra\n", "otro.pdf"),
                      submitted_on="2025-12-02")
    assert again.status_code == 409
    assert len(log(web_app)) == before and stored(web_app) == [sha256]


def test_a_refused_submission_stores_no_file(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    before = len(log(web_app))
    answer = plan_form(client, f"/action-plans/{told.plan}/submission?lang=en", (PDF, "plan.pdf"),
                       submitted_on="2099-01-01")  # a day still to come
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert 'id="submitted_on-error"' in answer.get_data(as_text=True)
    assert len(log(web_app)) == before and stored(web_app) == []
