"""The charts as drawings: given these series, the SVG parses, says what it shows, and draws what it should."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest

from tracker.charts import charts, day_strip, month_strip, stacked_bars
from tracker.charts.dots import scale_max, x_of
from tracker.domain.contribution import Communication, Consideration, ContributionState, Response
from tracker.domain.session import SessionState

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    return root


def title_desc(root: ET.Element) -> tuple[str, str]:
    return root.find("svg:title", NS).text, root.find("svg:desc", NS).text


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter("{http://www.w3.org/2000/svg}g") if cls in (g.get("class") or "").split()]


SERIES = [("government", "gobierno"), ("civil_society", "sociedad civil"), ("youth", "juventud")]


def test_one_stacked_bar_per_session_with_its_total_and_a_legend():
    bars = [("3 mar", {"government": 4, "civil_society": 6}), ("7 abr", {"government": 3, "youth": 2}),
            ("5 may", {"civil_society": 1})]
    root = parse(stacked_bars("c", "Asistencia", "Una barra por sesión", bars, SERIES, "personas", "Aún no"))
    assert title_desc(root) == ("Asistencia", "Una barra por sesión")
    drawn = groups(root, "bar")
    assert [g.get("data-total") for g in drawn] == ["10", "5", "1"]
    assert [len(g.findall("svg:rect", NS)) for g in drawn] == [2, 2, 1]
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"gobierno", "sociedad civil", "juventud", "3 mar", "10"} <= set(texts)
    assert len(root.findall("svg:defs/svg:pattern", NS)) == 3  # a pattern per series: not colour alone


def test_taller_bars_for_larger_counts():
    bars = [("a", {"government": 2}), ("b", {"government": 8})]
    root = parse(stacked_bars("c", "t", "d", bars, SERIES, "n", "none"))
    heights = [float(g.find("svg:rect", NS).get("height")) for g in groups(root, "bar")]
    assert heights[1] == pytest.approx(4 * heights[0])


def test_a_session_held_with_no_attendance_recorded_is_a_bar_of_zero():
    root = parse(stacked_bars("c", "t", "d", [("a", {"government": 0})], SERIES, "n", "Aún no hay datos"))
    assert [g.get("data-total") for g in groups(root, "bar")] == ["0"]
    assert "Aún no hay datos" not in {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}


def test_no_data_yet_is_a_drawing_that_says_so():
    root = parse(stacked_bars("c", "Asistencia", "d", [], SERIES, "n", "Aún no hay datos"))
    assert title_desc(root) == ("Asistencia", "Aún no hay datos")
    assert [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")] == ["Aún no hay datos"]
    assert groups(root, "bar") == []


def test_the_median_line_stands_at_the_median_days():
    days = [2, 5, 9, 14, 30]
    root = parse(day_strip("d", "Días", "desc", days, "días", "mediana {median} días", "Aún no"))
    median = groups(root, "median")[0]
    assert median.get("data-median") == "9"
    line = median.find("svg:line", NS)
    assert float(line.get("x1")) == pytest.approx(x_of(9, scale_max(days)), abs=0.06)
    assert median.find("svg:text", NS).text == "mediana 9 días"
    assert len(groups(root, "dots")[0].findall("svg:circle", NS)) == 5


def test_an_even_count_has_its_median_between_the_middle_two():
    root = parse(day_strip("d", "t", "d", [4, 6, 10, 20], "días", "{median}", "none"))
    assert groups(root, "median")[0].get("data-median") == "8"


def test_no_answer_yet_gives_the_no_data_drawing():
    root = parse(day_strip("d", "Días", "desc", [], "días", "{median}", "Aún no hay datos"))
    assert groups(root, "median") == [] and title_desc(root)[1] == "Aún no hay datos"


def test_months_are_filled_outlined_or_crossed_and_say_so():
    names = {"held": "realizada", "scheduled": "solo programada", "none": "ninguna"}
    months = [("ene 26", "held"), ("feb 26", "none"), ("mar 26", "held"), ("abr 26", "scheduled")]
    root = parse(month_strip("m", "Meses", "desc", months, names, "Aún no"))
    cells = groups(root, "month")
    assert [g.get("class") for g in cells] == ["month month-held", "month month-none", "month month-held",
                                               "month month-scheduled"]
    assert cells[1].find("svg:title", NS).text == "feb 26: ninguna"
    assert {"realizada", "solo programada", "ninguna"} <= {t.text for t in root.iter(
        "{http://www.w3.org/2000/svg}text")}


def _session(n: int, held: datetime | None, attendance: list[dict], cancelled: bool = False) -> SessionState:
    return SessionState(f"ses_{n}", "frm_1", f"Sesión {n}", "forum_session", held or datetime(2026, n, 10, 15,
                        tzinfo=UTC), "Sede", "in_person", n, None, [], cancelled=cancelled, held_at=held,
                        attendance=attendance)


def _contribution(n: int, received: date, considered=None, responded=None, communicated=None):
    c = ContributionState(f"ctb_{n}", "pln_1", "frm_1", "texto", received, "email", {"name": "X"}, None, None,
                          None, False, n)
    if considered:
        c.considerations.append(Consideration(considered, None, None))
    if responded:
        c.response = Response("accepted", "porque", responded, None, None)
    if communicated:
        c.communications.append(Communication(communicated, "email", None, None, 1))
    return c


def test_the_charts_of_a_record_are_computed_up_to_the_day_asked_for():
    gov = {"representative_id": "rep_1", "organization_id": "org_1", "sector": "government"}
    civil = {"name": "Ana", "organization": None, "sector": "civil_society"}
    sessions = [_session(1, datetime(2026, 1, 15, 15, tzinfo=UTC), [gov, civil]),
                _session(2, None, [], cancelled=True),
                _session(3, datetime(2026, 3, 12, 15, tzinfo=UTC), [gov]),
                _session(4, None, [])]
    contributions = [_contribution(1, date(2026, 1, 5), date(2026, 1, 15), date(2026, 2, 4), date(2026, 2, 6)),
                     _contribution(2, date(2026, 2, 1), responded=date(2026, 3, 3)),
                     _contribution(3, date(2026, 3, 2))]
    made = charts(sessions, contributions, "America/Lima", first=date(2026, 1, 1), last=date(2026, 5, 31),
                  until=date(2026, 3, 31), lang="es")
    attendance, statuses, days, months = made["items"]
    assert attendance["rows"] == [["2026-01-15", 1, 1, 2], ["2026-03-12", 1, 0, 1]]
    assert len(groups(parse(attendance["svg"]), "bar")) == 2
    assert statuses["rows"] == [["2026-01-31", 0, 1, 0, 0, 1], ["2026-02-28", 1, 0, 0, 1, 2],
                                ["2026-03-31", 1, 0, 1, 1, 3]]
    assert days["rows"] == [[30, 2]]
    assert groups(parse(days["svg"]), "median")[0].get("data-median") == "30"
    assert months["rows"] == [["2026-01", "realizada"], ["2026-02", "ninguna"], ["2026-03", "realizada"],
                              ["2026-04", "solo programada"], ["2026-05", "ninguna"]]
    assert title_desc(parse(months["svg"]))[0] == "Meses con y sin sesión"
    earlier = charts(sessions, contributions, "America/Lima", first=date(2026, 1, 1), last=date(2026, 5, 31),
                     until=date(2026, 1, 31), lang="en")
    assert [row[0] for row in earlier["items"][0]["rows"]] == ["2026-01-15"]
    assert earlier["items"][2]["rows"] == []
    assert "No data yet" in earlier["items"][2]["svg"]


def _public_session(n: int, day: int, public: int | None) -> SessionState:
    s = _session(n, datetime(2026, n, day, 15, tzinfo=UTC),
                 [{"representative_id": "rep_1", "organization_id": "org_1", "sector": "government"}])
    s.public_attendees = public
    return s


def test_the_attendance_chart_counts_the_public_and_says_so():
    made = charts([_public_session(1, 15, 12), _public_session(2, 12, None)], [], "America/Lima",
                  first=date(2026, 1, 1), last=date(2026, 3, 31), until=date(2026, 3, 31), lang="es")
    attendance = made["items"][0]
    assert attendance["columns"] == ["Sesión", "gobierno", "público (contado, sin nombres)", "Total"]
    assert attendance["rows"] == [["2026-01-15", 1, 12, 13], ["2026-02-12", 1, 0, 1]]
    root = parse(attendance["svg"])
    assert "público (contado, sin nombres)" in {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "El público está contado en 1 de las 2 sesiones" in title_desc(root)[1]
    assert "El público está contado en 1 de las 2 sesiones" in attendance["note"]
    none = charts([_public_session(1, 15, None)], [], "America/Lima", first=date(2026, 1, 1),
                  last=date(2026, 1, 31), until=date(2026, 1, 31), lang="en")["items"][0]
    assert "No count of the public who attended was recorded" in none["note"]
    assert none["columns"] == ["Session", "government", "Total"]


def test_a_median_with_a_fraction_is_written_with_the_languages_decimal_mark():
    contributions = [_contribution(1, date(2026, 1, 1), responded=date(2026, 1, 31)),
                     _contribution(2, date(2026, 1, 1), responded=date(2026, 2, 5))]  # 30 and 35 days
    for lang, text in (("es", "mediana 32,5 días"), ("en", "median 32.5 days")):
        days = charts([], contributions, "America/Lima", first=date(2026, 1, 1), last=date(2026, 2, 28),
                      until=date(2026, 2, 28), lang=lang)["items"][2]
        root = parse(days["svg"])
        assert groups(root, "median")[0].find("svg:text", NS).text == text
        assert text.split()[1] in title_desc(root)[1]


def test_no_chart_text_is_smaller_than_12_units():
    sessions = [_public_session(n, 10, 3) for n in range(1, 13)]  # many bars: rotated labels
    contributions = [_contribution(1, date(2026, 1, 1), responded=date(2026, 1, 31))]
    made = charts(sessions, contributions, "America/Lima", first=date(2025, 1, 1), last=date(2026, 12, 31),
                  until=date(2026, 12, 31), lang="es")
    for chart in made["items"]:
        root = parse(chart["svg"])
        assert float(root.get("font-size")) >= 12
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            assert float(text.get("font-size") or 12) >= 12, (chart["id"], text.text)
