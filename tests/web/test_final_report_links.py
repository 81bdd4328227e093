"""Where the pages link the final report: beside the inception report on the plan's page, and among the downloads
of the evaluator's compliance page (as of and as known at the dates the page was asked for)."""
from __future__ import annotations

from tests.web import story
from tests.web.conftest import sign_in


def test_the_compliance_page_offers_the_final_report_in_four_formats_as_of_its_dates(client, told):
    sign_in(client, story.EVALUATOR)
    page = client.get(f"/action-plans/{told.plan}/compliance?lang=es&as_of=2025-03-01").get_data(as_text=True)
    assert "El informe final" in page and "Informe final (PDF)" in page
    for fmt in ("html", "pdf", "docx", "md"):
        link = f"/api/v1/action-plans/{told.plan}/final-report?format={fmt}&amp;lang=es&amp;as_of=2025-03-01"
        assert link in page, fmt
    answer = client.get(f"/api/v1/action-plans/{told.plan}/final-report?format=html&lang=es&as_of=2025-03-01")
    assert answer.status_code == 200 and "Borrador: el periodo del plan termina" in answer.get_data(as_text=True)


def test_the_plans_page_links_the_final_report_beside_the_inception_report(client, told):
    sign_in(client, story.SECRETARIAT)
    page = client.get(f"/action-plans/{told.plan}?lang=es").get_data(as_text=True)
    assert "Informe de inicio" in page and "Informe final" in page
    assert f"/api/v1/action-plans/{told.plan}/final-report?format=html&amp;lang=es" in page


def test_the_forums_public_page_links_each_plans_final_report_beside_its_full_report(client, told):
    page = client.get(f"/forums/{told.forum}?lang=es").get_data(as_text=True)
    assert f"/api/v1/action-plans/{told.plan}/final-report?format=html&amp;lang=es" in page
    assert "Informe final" in page
