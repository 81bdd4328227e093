"""The forum's public page links its open data (issue 20): a "Datos abiertos" list of the four downloads, each of
which answers to anyone and holds no email and no minor's name of the story's forum."""
from __future__ import annotations

import html
import io
import json
import re
import zipfile

from tests.web import story

LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')


def test_the_public_page_links_the_four_downloads_in_the_forums_language(client, told):
    page = client.get(f"/forums/{told.forum}").get_data(as_text=True)
    block = page[page.index('id="open-data"'):page.index("</section>", page.index('id="open-data"'))]
    assert "Datos abiertos" in block
    links = dict(LINK.findall(block))
    assert set(links) == {f"/api/v1/forums/{told.forum}/{name}"
                          for name in ("open-data.zip", "open-data.xlsx", "popolo.json", "ocd-events.json")}
    assert "Todas las tablas en una hoja de cálculo (XLSX)" in links.values()
    for address in links:
        answer = client.get(address)
        assert answer.status_code == 200, address
        if address.endswith((".zip", ".xlsx")):  # every member, `&#237;` read as `í`
            with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
                texts = [html.unescape(archive.read(name).decode("utf-8")) for name in archive.namelist()]
        else:
            texts = [answer.get_data(as_text=True), json.dumps(answer.get_json(), ensure_ascii=False)]
        for text in texts:
            assert story.MINOR not in text and not any(email in text for email in story.EMAILS), address
