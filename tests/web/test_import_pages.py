"""The templates of the sheets the secretariat imports (`tracker import`), served to the forum's secretariat in the
page's language; closed to others."""
from __future__ import annotations

import io

import openpyxl

from tests.web import story
from tests.web.conftest import sign_in


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

