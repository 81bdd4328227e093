"""Documents uploaded, not linked: a file is stored by the SHA-256 the server computes, served with its own type
(inline only for PDFs and images, never as a page), refused when it is not an accepted type whatever its name or
Content-Type (nothing written), withdrawn by an admin with the hash and the withdrawal left in the log, and carried
by a backup's documents companion."""
from __future__ import annotations

import hashlib
import io
import zipfile
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from config import Config
from events import export_events, import_events
from tests.api.conftest import event_count
from tests.support.builders import new_forum
from tests.support.builders_sessions import approve_minutes, forum_with_roster, hold_session, schedule_session
from tracker import create_app
from tracker.auth.passwords import Passwords
from tracker.bootstrap import bootstrap
from tracker.database import upgrade
from tracker.documents.backup import DocumentImportRefused, export_documents, import_documents
from tracker.documents.store import documents

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def docx() -> bytes:
    """A minimal Word document (an OOXML zip: content types and word/document.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def upload(api, forum_id, content, filename="acta.pdf", content_type="application/pdf", path=None):
    return api.client.post(path or f"/api/v1/forums/{forum_id}/documents",
                           data={"file": (io.BytesIO(content), filename, content_type)},
                           headers=api._headers(None), content_type="multipart/form-data")


@pytest.fixture
def make_second_app(tmp_path):
    """A second database (a SQLite file) holding the source's log, imported as `tracker events import` does."""
    made = []

    def make(source):
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        services = bootstrap(url, keyring=source.store.keyring, clock=source.clock, passwords=Passwords.cheap())
        made.append(services)
        upgrade(services.engine)
        exported = io.StringIO()
        export_events(source.engine, exported)
        exported.seek(0)
        import_events(services.engine, exported, services.store.keyring, services.store.registry)
        app = create_app(Config(DATABASE_URL=url, TESTING=True), services=services)
        return SimpleNamespace(app=app, store=services.store)

    yield make
    for services in made:
        services.engine.dispose()


def rows(app) -> list:
    with app.extensions["tracker"].engine.connect() as conn:
        return list(conn.execute(sa.select(documents.c.sha256, documents.c.content.is_not(None))))


@pytest.mark.both_engines
def test_a_pdf_is_stored_by_the_servers_hash_and_served_inline_as_a_pdf(api, app):
    forum_id = new_forum(api)
    answer = upload(api, forum_id, PDF, "Acta N.° 3 / sesión.pdf")
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["url"] == f"http://localhost/api/v1/documents/{body['sha256']}"
    assert (body["media_type"], body["size"], body["filename"]) == ("application/pdf", len(PDF), "sesión.pdf")
    [event] = app.extensions["tracker"].store.read_all(types=["DocumentStored"])
    assert event.position == body["positions"][0] and event.tenant_id == forum_id
    assert event.data == {"sha256": body["sha256"], "media_type": "application/pdf", "size": len(PDF),
                          "filename": "sesión.pdf", "forum_id": forum_id}
    served = api.as_(None).call("GET", f"/documents/{body['sha256']}")
    assert served.status_code == 200 and served.data == PDF
    assert served.mimetype == "application/pdf"
    assert served.headers["Content-Disposition"].startswith("inline")
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src" not in served.headers["Content-Security-Policy"]
    assert "default-src 'none'" in served.headers["Content-Security-Policy"]
    # the same bytes again: the same row, nothing new in the log
    again = upload(api, forum_id, PDF, "otra copia.pdf")
    assert again.status_code == 200 and again.get_json()["positions"] == []
    assert len(rows(app)) == 1 and event_count(app) == body["positions"][0]
    # the path, the forum named in the form
    other = new_forum(api)
    via_form = api.client.post("/api/v1/documents", data={"forum_id": other, "file": (io.BytesIO(PDF), "a.pdf")},
                               headers=api._headers(None), content_type="multipart/form-data")
    assert via_form.status_code == 201 and len(rows(app)) == 1


def test_an_office_document_is_served_as_an_attachment(api):
    forum_id = new_forum(api)
    content = docx()
    body = upload(api, forum_id, content, "matriz.docx", "application/octet-stream").get_json()
    assert body["media_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    served = api.as_(None).call("GET", f"/documents/{body['sha256']}")
    assert served.data == content and served.mimetype == body["media_type"]
    assert served.headers["Content-Disposition"] == "attachment; filename=matriz.docx"


@pytest.mark.parametrize("content", [SVG, HTML, b"just text", b"PK\x03\x04not a zip"])
def test_svg_html_and_anything_unknown_are_refused_whatever_their_name_and_nothing_is_written(api, app, content):
    forum_id = new_forum(api)
    before = event_count(app)
    answer = upload(api, forum_id, content, "acta.pdf", "application/pdf")
    assert answer.status_code == 415, answer.get_json()
    assert "SVG and HTML are never accepted" in answer.get_json()["message"]
    assert rows(app) == [] and event_count(app) == before


def test_a_file_over_the_limit_is_413_and_nothing_is_written(api, app):
    forum_id = new_forum(api)
    app.extensions["tracker"].max_upload_bytes = 2048
    before = event_count(app)
    just_over = PDF + b"0" * (2049 - len(PDF))
    assert upload(api, forum_id, just_over).status_code == 413
    far_over = PDF + b"0" * (3 * 1024 * 1024)  # more than the body allowance too: refused before parsing
    raw = (b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n' + far_over
           + b"\r\n--x--\r\n")
    answer = api.client.post(f"/api/v1/forums/{forum_id}/documents", data=raw, headers=api._headers(None),
                             content_type="multipart/form-data; boundary=x")
    assert answer.status_code == 413 and answer.get_json()["code"] == 413
    assert upload(api, forum_id, PDF).status_code == 201  # under it
    assert len(rows(app)) == 1 and event_count(app) == before + 1


def test_uploading_needs_the_forums_secretariat(api, tokens):
    forum_id = new_forum(api)
    assert upload(api.as_(None), forum_id, PDF).status_code == 401
    assert upload(api.as_(tokens.evaluator), forum_id, PDF).status_code == 403
    assert upload(api, "frm_nothing", PDF).status_code == 404
    secretariat = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (forum_id,))
    assert upload(api.as_(secretariat), forum_id, PDF).status_code == 201
    assert api.as_(None).call("GET", "/documents/" + "0" * 64).status_code == 404


@pytest.mark.both_engines
def test_an_admin_withdraws_the_bytes_and_the_hash_stays_verifiable_in_the_minutes(api, app, tokens):
    roster = forum_with_roster(api)
    session_id = schedule_session(api, roster.forum_id)
    hold_session(api, session_id)
    stored = upload(api, roster.forum_id, PDF).get_json()
    approve_minutes(api, session_id, document={"title": "Acta", "url": stored["url"], "sha256": stored["sha256"]})
    secretariat = tokens.make("secretaria@cajamarca.gob.pe", "secretariat", (roster.forum_id,))
    path = f"/documents/{stored['sha256']}/withdrawal"
    before = event_count(app)
    api.as_(secretariat).post(path, {"reason": "Muestra el DNI de un asistente"}, expect=403)
    assert event_count(app) == before
    answer = api.post(path, {"reason": "Muestra el DNI de un asistente"})
    [withdrawn] = app.extensions["tracker"].store.read_all(types=["DocumentWithdrawn"])
    assert answer == {"id": stored["sha256"], "positions": [withdrawn.position]}
    assert withdrawn.tenant_id == roster.forum_id and withdrawn.data["sha256"] == stored["sha256"]
    gone = api.as_(None).call("GET", f"/documents/{stored['sha256']}")
    assert gone.status_code == 410 and "withdrawn" in gone.get_json()["message"]
    assert rows(app) == [(stored["sha256"], False)]
    minutes = api.get(f"/sessions/{session_id}")["minutes"]["document"]
    assert minutes["sha256"] == hashlib.sha256(PDF).hexdigest()  # a copy kept elsewhere still verifies
    api.post(path, {"reason": "otra vez"}, expect=409)
    assert upload(api, roster.forum_id, PDF).status_code == 410  # never stored again


def test_documents_export_and_import_round_trip_without_the_withdrawn(api, app, tmp_path, make_second_app):
    forum_id = new_forum(api)
    kept = upload(api, forum_id, PDF).get_json()
    withdrawn = upload(api, forum_id, docx(), "matriz.docx").get_json()
    api.post(f"/documents/{withdrawn['sha256']}/withdrawal", {"reason": "Datos personales"})
    services = app.extensions["tracker"]
    assert export_documents(services.engine, tmp_path / "docs") == 1
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [kept["sha256"]]
    target = make_second_app(services)
    done = import_documents(target.store, tmp_path / "docs")
    assert (done.loaded, done.withdrawn, done.missing) == (1, 1, ())
    client = target.app.test_client()
    assert client.get(f"/api/v1/documents/{kept['sha256']}").data == PDF
    assert client.get(f"/api/v1/documents/{withdrawn['sha256']}").status_code == 410


def test_a_document_import_refuses_bytes_that_are_not_what_the_log_says(api, app, tmp_path, make_second_app):
    forum_id = new_forum(api)
    kept = upload(api, forum_id, PDF).get_json()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / kept["sha256"]).write_bytes(PDF + b"edited")
    (tmp_path / "docs" / hashlib.sha256(b"%PDF-x").hexdigest()).write_bytes(b"%PDF-x")
    target = make_second_app(app.extensions["tracker"])
    with pytest.raises(DocumentImportRefused, match="do not hash to its name.*no DocumentStored event"):
        import_documents(target.store, tmp_path / "docs")
    assert rows(target.app) == []
