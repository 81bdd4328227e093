"""Issue 20: an attendance sheet uploaded on a session's page and the contributions gathered at workshops uploaded
on a plan's contributions page, as the roster's upload: a preview of every row and every problem, in the page's
language, recording nothing; then the preview's button records the sheet whole (as `tracker import attendance
--session` and `tracker import contributions --plan`), once; closed to those who may not write the forum."""
from __future__ import annotations

import io
import re

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.web import story
from tests.web.conftest import csrf_token, sign_in

#: What an English page, or an untranslated message, would show.
ENGLISH = re.compile(r"\b(Import|Record|Row|Problem|roster|attended|guest|matches no one|duplicate|Back to|"
                     r"Held at|sheet|Nothing was recorded|member of the public|workshop)\b")

ATTENDANCE = ("N°,Nombres y apellidos,organización,sector,firma\n"
              "1,JORGE DIAZ,,,\n"
              "2,ana quispe,,,\n"
              "3,Carmen Rojas,Colectivo Mujeres de Cajabamba,sociedad civil,\n")

CONTRIBUTIONS = ("fecha de recepción,canal,texto,autor,correo electrónico,organización,sector,sesión\n"
                 "15/11/2025,taller,Publicar las actas de los talleres provinciales.,Ana Quispe,,,,\n"
                 "15/11/2025,taller,Abrir los datos de obras por provincia.,Teresa Lozano,teresa@correo.pe,"
                 "Ronda de Bambamarca,sociedad civil,Sesión de aprobación del plan\n")


def visible(page: str) -> str:
    """The page's text a person reads (no tags, no attributes, no script)."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S))


def cells(page: str) -> str:
    """The page with its table cells bare (a phone shows each cell's column, `data-label`, before it)."""
    return re.sub(r'<td data-label="[^"]*">', "<td>", page)


def events(web_app) -> int:
    return web_app.extensions["tracker"].store.head().position


def upload(client, page: str, action: str, content: str, name: str = "planilla.csv", **fields: str):
    token = csrf_token(client, page)
    boundary, body = encode_multipart({"csrf_token": token, **fields,  # in memory, however large
                                       "file": FileStorage(io.BytesIO(content.encode("utf-8")), name)})
    return client.post(action, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def confirm(client, page: str):
    """The preview's button pressed: its form's fields posted to its action."""
    form = page[page.index('<form method="post" action="', page.index('id="preview"')):]
    action = re.search(r'action="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[:form.index("</form>")]))
    return client.post(action, data=fields)


def past_session(client, forum: str) -> str:
    """A session of the forum scheduled on 10 November 2026, before the story's today, not yet recorded."""
    answer = client.post(f"/forums/{forum}/sessions", data={
        "csrf_token": csrf_token(client, f"/forums/{forum}/sessions"), "title": "Taller provincial de Celendín",
        "kind": "cocreation_workshop", "scheduled_at": "2026-11-10T10:00", "venue": "Municipalidad de Celendín",
        "modality": "in_person"})
    assert answer.status_code == 302
    return answer.headers["Location"].rsplit("/", 1)[1]


def test_an_attendance_sheet_is_previewed_by_organization_then_recorded_once(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    page = client.get(f"/sessions/{session}").get_data(as_text=True)
    assert "Importar desde una hoja de cálculo" in page and "planilla de asistencia" in page
    assert f"/forums/{told.forum}/imports/templates/attendance.xlsx" in page
    before = events(web_app)
    preview = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE,
                     held_at="2026-11-10T10:20")
    shown = cells(preview.get_data(as_text=True))
    assert preview.status_code == 200, visible(shown)
    assert re.search(r"<td>Asociación Civil Transparencia Cajamarca</td><td>Jorge Díaz</td>.*"
                     r"<td>Colectivo Mujeres de Cajabamba</td><td>Carmen Rojas <span class=\"badge\">invitado"
                     r".*<td>Gobierno Regional de Cajamarca</td><td>Ana Quispe</td>", shown, re.S)
    assert "La sesión se registra como realizada el martes, 10 de noviembre de 2026, 10:20" in visible(shown)
    assert "con 3 asistentes" in shown and "Registrar estas 3 filas" in shown
    assert "Columnas que no se tienen en cuenta (no son de la plantilla): N°, firma" in shown
    assert not ENGLISH.search(visible(shown)), ENGLISH.search(visible(shown))
    assert events(web_app) == before
    done = confirm(client, shown)
    assert done.status_code == 302 and done.headers["Location"] == f"/sessions/{session}"
    recorded = web_app.extensions["tracker"].store.read_all()
    held = [e for e in recorded if e.position > before]
    assert [e.type for e in held] == ["SessionHeld"]
    assert held[0].data["held_at"].startswith("2026-11-10T15:20")  # 10:20 in Lima
    assert len(held[0].data["attendance"]) == 3
    page = client.get(f"/sessions/{session}").get_data(as_text=True)
    assert "La sesión se registró como realizada, con los 3 asistentes de la planilla." in page
    again = confirm(client, shown)
    assert again.status_code == 302 and events(web_app) == before + 1
    assert "ya se importó" in client.get(f"/sessions/{session}").get_data(as_text=True)


def test_the_members_of_the_public_counted_at_the_door_go_with_the_sheet(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    before = events(web_app)
    refused = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE,
                     held_at="2026-11-10T10:20", public_attendees="doce")
    assert refused.status_code == 422 and events(web_app) == before
    assert "Escriba cuántas personas del público asistieron como un número entero" in refused.get_data(as_text=True)

    preview = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE,
                     held_at="2026-11-10T10:20", public_attendees="12")
    shown = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "con 3 asistentes. Asistieron 12 personas del público." in visible(shown)
    assert events(web_app) == before
    assert confirm(client, shown).status_code == 302
    held = [e for e in web_app.extensions["tracker"].store.read_all() if e.position > before]
    assert [(e.type, e.data["public_attendees"]) for e in held] == [("SessionHeld", 12)]


def test_names_not_on_the_roster_are_listed_not_guessed_and_nothing_is_recorded(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    sheet = "nombre\nJorge Díaz\nMaría Cotrina\nJorge Diaz\n"
    before = events(web_app)
    answer = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", sheet)
    page = cells(answer.get_data(as_text=True))
    assert answer.status_code == 422 and "No se registró nada" in page
    assert re.search(r"No figuran en la nómina</h2>.*María Cotrina <span class=\"meta\">\(fila 3\)", page, re.S)
    assert ("<td>3</td><td>nombre</td><td>María Cotrina no coincide con nadie de la nómina el 10 de noviembre de "
            "2026") in page
    assert "<td>4</td><td>nombre</td><td>Jorge Díaz ya figura en la fila 2.</td>" in page
    assert "Registrar" not in page
    assert not ENGLISH.search(visible(page)), ENGLISH.search(visible(page))
    assert events(web_app) == before


def test_a_session_already_held_needs_the_reason_of_the_correction(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    first = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", "nombre\nAna Quispe\n")
    assert confirm(client, first.get_data(as_text=True)).status_code == 302
    page = client.get(f"/sessions/{session}").get_data(as_text=True)
    assert 'name="correction"' in page
    before = events(web_app)
    refused = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE)
    text = visible(refused.get_data(as_text=True))
    assert refused.status_code == 422 and "Motivo de la corrección" in text and "Registrar" not in text
    corrected = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE,
                       correction="La planilla en papel llegó después")
    assert corrected.status_code == 200
    assert confirm(client, corrected.get_data(as_text=True)).status_code == 302
    assert events(web_app) == before + 1


def test_contributions_gathered_at_a_workshop_are_previewed_without_emails_then_recorded_once(web_app, client,
                                                                                                told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions"
    page = client.get(inbox).get_data(as_text=True)
    assert "Importar desde una hoja de cálculo" in page
    assert f"/forums/{told.forum}/imports/templates/contributions.csv" in page
    before = events(web_app)
    preview = upload(client, inbox, f"{inbox}/import", CONTRIBUTIONS, "aportes.csv")
    shown = cells(preview.get_data(as_text=True))
    assert preview.status_code == 200, visible(shown)
    assert re.search(r"<td>2</td><td>15 nov 2025</td><td>Publicar las actas de los talleres provinciales.</td>"
                     r"<td>Ana Quispe \(Gobierno Regional de Cajamarca\) <span class=\"badge\">de la nómina</span>"
                     r"</td><td>Taller</td>", shown)
    assert re.search(r"<td>3</td>.*Sesión de aprobación del plan \(14 nov 2025.*"
                     r"<td>Teresa Lozano \(Ronda de Bambamarca\)</td>", shown, re.S)
    assert "teresa@correo.pe" not in shown.replace(preview_content(shown), "")
    assert "Registrar estas 2 filas" in shown
    assert '<caption class="visually-hidden">Aportes que registra la hoja, fila por fila</caption>' in shown
    assert not ENGLISH.search(visible(shown)), ENGLISH.search(visible(shown))
    assert events(web_app) == before
    done = confirm(client, shown)
    assert done.status_code == 302 and done.headers["Location"] == inbox
    received = [e for e in web_app.extensions["tracker"].store.read_all() if e.position > before]
    assert [e.type for e in received] == ["ContributionReceived", "ContributionReceived"]
    assert received[1].data["author"]["email"] == "teresa@correo.pe"
    page = client.get(inbox).get_data(as_text=True)
    assert "Se registraron 2 aportes de la hoja." in page and "Abrir los datos de obras por provincia." in page
    assert confirm(client, shown).status_code == 302 and events(web_app) == before + 2


def preview_content(page: str) -> str:
    """The sheet's bytes the preview's form carries back (base64: no e-mail is readable in it)."""
    match = re.search(r'name="content" value="([^"]*)"', page)
    return match.group(1) if match else ""


def test_a_contributions_sheet_with_problems_says_each_in_spanish_and_records_nothing(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    inbox = f"/action-plans/{told.plan}/contributions"
    sheet = ("fecha de recepción,canal,texto,autor,sesión\n"
             "15/11/2025,mesa redonda,Publicar las actas.,Ana Quispe,\n"
             "31/02/2025,taller,Abrir datos.,Teresa Lozano,\n"
             "15/11/2025,taller,Abrir datos.,Teresa Lozano,Sesión 9\n")
    before = events(web_app)
    answer = upload(client, inbox, f"{inbox}/import", sheet, "aportes.csv")
    page = cells(answer.get_data(as_text=True))
    assert answer.status_code == 422 and "No se registró nada" in page
    assert "<td>2</td><td>canal</td><td>«mesa redonda» no es una de las palabras" in page
    assert "<td>3</td><td>fecha de recepción</td><td>«31/02/2025» no es una fecha" in page
    assert "<td>4</td><td>sesión</td><td>Ninguna sesión del foro tiene el número o el título «Sesión 9».</td>" in page
    assert "Registrar" not in page
    assert not ENGLISH.search(visible(page)), ENGLISH.search(visible(page))
    assert events(web_app) == before


def test_the_uploads_refuse_what_the_roster_upload_refuses(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    inbox = f"/action-plans/{told.plan}/contributions"
    before = events(web_app)
    for page, action in ((f"/sessions/{session}", f"/sessions/{session}/attendance/import"),
                         (inbox, f"{inbox}/import")):
        nothing = client.post(action, data={"csrf_token": csrf_token(client, page)})
        assert nothing.status_code == 422
        assert "Elija una hoja de cálculo (CSV o XLSX) para importar." in nothing.get_data(as_text=True)
        unreadable = upload(client, page, action, "\x00\x01", "hoja.xlsx")
        assert unreadable.status_code == 422
        assert "no es un archivo CSV ni un libro XLSX" in unreadable.get_data(as_text=True)
        large = upload(client, page, action, "nombre\n" + "x" * (512 * 1024), "hoja.csv")
        assert large.status_code == 413
        forged = client.post(f"{action}/confirm", data={"csrf_token": csrf_token(client, page), "filename": "x.csv",
                                                        "content": "no es base64!"})
        assert forged.status_code == 422
    bad_time = upload(client, f"/sessions/{session}", f"/sessions/{session}/attendance/import", ATTENDANCE,
                      held_at="ayer por la tarde")
    assert bad_time.status_code == 422 and "como una fecha y una hora" in bad_time.get_data(as_text=True)
    assert events(web_app) == before


def test_the_uploads_are_closed_to_anonymous_visitors_and_readers_and_unknown_ids_are_404(web_app, client, told):
    inbox = f"/action-plans/{told.plan}/contributions"
    assert upload(client, "/login", f"{inbox}/import", CONTRIBUTIONS).headers["Location"].startswith("/login")
    anonymous = client.post("/sessions/ses_0000000000000000000000/attendance/import/confirm",
                            data={"csrf_token": csrf_token(client, "/login")})
    assert anonymous.headers["Location"].startswith("/login")
    sign_in(client, story.SECRETARIAT)
    session = past_session(client, told.forum)
    assert upload(client, inbox, "/action-plans/pln_0000000000000000000000/contributions/import",
                  CONTRIBUTIONS).status_code == 404
    assert upload(client, inbox, "/sessions/ses_0000000000000000000000/attendance/import",
                  ATTENDANCE).status_code == 404
    client = web_app.test_client()
    sign_in(client, story.EVALUATOR)
    assert upload(client, "/", f"{inbox}/import", CONTRIBUTIONS).status_code == 403
    assert upload(client, "/", f"/sessions/{session}/attendance/import", ATTENDANCE).status_code == 403
    assert "Importar desde una hoja" not in client.get(f"/sessions/{session}").get_data(as_text=True)
