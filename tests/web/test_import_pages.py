"""The templates of the sheets the secretariat imports (`tracker import`), served to the forum's secretariat in the
page's language; closed to others."""
from __future__ import annotations

import io
import re

import openpyxl

from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tests.web.test_sheet_uploads import cells


def test_the_secretariat_downloads_each_template_in_the_forums_language_or_another_and_no_other(client, told):
    sign_in(client, story.SECRETARIAT)
    csv = client.get(f"/forums/{told.forum}/imports/templates/roster.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert 'filename="plantilla-padron.csv"' in csv.headers["Content-Disposition"]
    assert csv.data.decode("utf-8-sig").splitlines()[0].startswith("organización,sector,fecha de incorporación")
    xlsx = client.get(f"/forums/{told.forum}/imports/templates/contributions.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert [c.value for c in book.worksheets[0][1]][:3] == ["fecha de recepción", "canal", "texto"]
    assert book.worksheets[1].title == "instrucciones"
    english = client.get(f"/forums/{told.forum}/imports/templates/attendance.csv?lang=en")
    assert english.data.decode("utf-8-sig").splitlines() == ["name,organization,sector"]
    assert client.get(f"/forums/{told.forum}/imports/templates/budget.csv").status_code == 404
    assert client.get(f"/forums/{told.forum}/imports/templates/roster.ods").status_code == 404


def test_the_templates_are_closed_to_anonymous_visitors_and_evaluators(client, told):
    path = f"/forums/{told.forum}/imports/templates/roster.xlsx"
    assert client.get(path).headers["Location"].startswith("/login")
    sign_in(client, story.EVALUATOR)
    assert client.get(path).status_code == 403
    assert upload(client, told.forum, SHEET).status_code == 403
    assert "Importar desde una hoja" not in client.get(f"/forums/{told.forum}/roster").get_data(as_text=True)



SHEET = ("N°,organización,sector,fecha de incorporación,representante,rol,fecha de designación\n"
         "1,Cámara de Comercio de Cajamarca,sector privado,2026-01-15,Elsa Mori,titular,2026-01-16\n"
         "2,gobierno regional de cajamarca,,,Marco Silva,alterno,2026-01-16\n")


def upload(client, forum: str, content: str, name: str = "padron.csv"):
    token = csrf_token(client, f"/forums/{forum}/roster")
    return client.post(f"/forums/{forum}/roster/import", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (io.BytesIO(content.encode("utf-8")), name)})


def confirm(client, forum: str, page: str):
    fields = dict(re.findall(r'name="(filename|content|csrf_token)" value="([^"]*)"', page))
    return client.post(f"/forums/{forum}/roster/import/confirm", data=fields)


def test_a_roster_sheet_is_previewed_row_by_row_then_recorded_with_the_button(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    roster = client.get(f"/forums/{told.forum}/roster").get_data(as_text=True)
    assert "Importar desde una hoja de cálculo" in roster and "imports/templates/roster.xlsx" in roster
    before = web_app.extensions["tracker"].store.head().position
    preview = upload(client, told.forum, SHEET)
    page = cells(preview.get_data(as_text=True))
    assert preview.status_code == 200
    assert re.search(r"<td>2</td><td>Cámara de Comercio de Cajamarca <span class=\"badge\">se incorpora al foro</span>"
                     r"</td><td>Sector privado</td><td>Elsa Mori</td><td>Titular</td>", page)
    assert re.search(r"<td>3</td><td>Gobierno Regional de Cajamarca</td>.*<td>Marco Silva</td><td>Alterno</td>",
                     page)
    assert "Registrar estas 2 filas" in page
    assert ('<caption class="visually-hidden">Organizaciones y representantes que registra la hoja, fila por fila'
            in page)
    assert "Columnas que no se tienen en cuenta (no son de la plantilla): N°" in page
    assert web_app.extensions["tracker"].store.head().position == before
    done = confirm(client, told.forum, page)
    assert done.status_code == 302 and done.headers["Location"] == f"/forums/{told.forum}/roster"
    roster = client.get(f"/forums/{told.forum}/roster").get_data(as_text=True)
    assert "Se registraron 2 filas de la hoja." in roster and "Elsa Mori" in roster and "Marco Silva" in roster
    again = upload(client, told.forum, SHEET).get_data(as_text=True)
    assert "ya se importó" in again and "Registrar" not in again


def test_a_sheet_with_problems_shows_each_in_spanish_by_row_and_column_and_offers_no_button(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    sheet = ("organización,sector,fecha de incorporación,representante,rol,fecha de designación\n"
             "Red de Rondas Campesinas,rondas,2026-01-15,Teodoro Huamán,titular,2026-01-16\n"
             "Colegio de Ingenieros,academia,2026-01-15,Óscar Tirado,titular,2031-01-16\n")
    before = web_app.extensions["tracker"].store.head().position
    answer = upload(client, told.forum, sheet)
    page = cells(answer.get_data(as_text=True))
    assert answer.status_code == 422 and "No se registró nada" in page
    assert re.search(r"<td>2</td><td>sector</td><td>«rondas» no es una de las palabras", page)
    assert "<td>3</td><td>fecha de designación</td><td>El 16 de enero de 2031 es posterior a hoy" in page
    assert "Registrar" not in page and "future" not in page
    assert web_app.extensions["tracker"].store.head().position == before
    assert upload(client, told.forum, "\x00\x01", "padron.xlsx").status_code == 422
    token = csrf_token(client, f"/forums/{told.forum}/roster")
    nothing = client.post(f"/forums/{told.forum}/roster/import", data={"csrf_token": token})
    assert nothing.status_code == 422 and "Elija una hoja de cálculo (CSV o XLSX) para importar." in nothing.get_data(
        as_text=True)
