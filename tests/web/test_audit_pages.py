"""A forum's audit log page and its JSON Lines download: for those who read the forum in full, filterable, with
late-logged events flagged and the chain's verification at the top."""
from __future__ import annotations

import io
import json
import re

import pytest

from events.transfer import export_events
from tests.web import story
from tests.web.conftest import sign_in


def text_of(response) -> str:
    return response.get_data(as_text=True)


def positions_shown(page: str) -> list[int]:
    return [int(p) for p in re.findall(r'<tr id="event-(\d+)"', page)]


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_log_sends_the_signed_out_to_sign_in(client, told):
    answer = client.get(f"/forums/{told.forum}/log")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
    assert client.get(f"/forums/{told.forum}/log.jsonl").status_code == 302


def test_a_secretariat_of_another_forum_may_not_read_the_log(client, told):
    sign_in(client, story.OTHER_SECRETARIAT)
    assert client.get(f"/forums/{told.forum}/log?lang=en").status_code == 403
    assert client.get(f"/forums/{told.forum}/log.jsonl").status_code == 403


def test_the_log_shows_the_forums_events_with_both_times_and_the_verification(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/forums/{told.forum}/log?lang=en"))
    store = web_app.extensions["tracker"].store
    expected = [e.position for e in store.read_all(tenant_id=told.forum)]
    assert positions_shown(page) == expected
    assert "Foro de Gobierno Abierto de Piura" not in page  # the other forum's events
    assert "Intact: every one of the" in page
    assert '<strong class="event-kind">Forum established</strong>' in page
    assert '<strong class="event-kind">Contribution received</strong>' in page
    assert "<details><summary>Full text</summary>" in page


def test_an_event_logged_long_after_it_occurred_is_flagged(client, told):
    sign_in(client, story.EVALUATOR)
    established = text_of(client.get(f"/forums/{told.forum}/log?lang=en&type=ForumEstablished"))
    assert re.search(r'<tr id="event-\d+" class="late">', established)  # established in 2025, logged in 2026
    assert "Logged late" in established
    scheduled_now = text_of(client.get(f"/forums/{told.forum}/log?lang=en&type=SessionScheduled"
                                       "&occurred_from=2026-11-01"))
    assert story.NEXT_SESSION in scheduled_now and "Logged late" not in scheduled_now


def test_the_filters_narrow_the_rows(client, told):
    sign_in(client, story.ADMIN)
    everything = positions_shown(text_of(client.get(f"/forums/{told.forum}/log?lang=en")))
    received = text_of(client.get(f"/forums/{told.forum}/log?lang=en&type=ContributionReceived"))
    assert len(positions_shown(received)) == 2 and "Organization joined</strong>" not in received
    recent = positions_shown(text_of(client.get(f"/forums/{told.forum}/log?lang=en&occurred_from=2026-11-01")))
    assert 0 < len(recent) < len(everything)
    by_admin = positions_shown(text_of(client.get(f"/forums/{told.forum}/log?lang=en&actor={story.ADMIN}")))
    assert by_admin == everything  # the story was logged by the admin
    nobody = text_of(client.get(f"/forums/{told.forum}/log?lang=en&actor=nadie@example.org"))
    assert positions_shown(nobody) == [] and "No event matches." in nobody
    after = positions_shown(text_of(client.get(f"/forums/{told.forum}/log?lang=en&after={everything[3]}")))
    assert after == everything[4:]
    late_logged = positions_shown(text_of(client.get(f"/forums/{told.forum}/log?lang=en&recorded_to=2026-01-01")))
    assert late_logged == []  # nothing was logged before the server's clock, late November 2026


def test_the_log_is_read_a_page_at_a_time(monkeypatch, client, told):
    from tracker.queries import audit_log

    monkeypatch.setattr(audit_log, "PAGE", 2)
    sign_in(client, story.ADMIN)
    first = text_of(client.get(f"/forums/{told.forum}/log?lang=en&type=OrganizationJoined"))
    shown = positions_shown(first)
    assert len(shown) == 2
    link = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert link and f"after={shown[-1]}" in link.group(1) and "type=OrganizationJoined" in link.group(1)
    second = positions_shown(text_of(client.get(link.group(1).replace("&amp;", "&"))))
    assert len(second) == 1 and second[0] > shown[-1]  # three organizations joined


def test_a_filter_that_is_not_a_date_is_shown_beside_its_field(client, told):
    sign_in(client, story.ADMIN)
    answer = client.get(f"/forums/{told.forum}/log?lang=en&occurred_from=ayer")
    assert answer.status_code == 422
    page = text_of(answer)
    assert 'id="occurred_from-error">Not a date: use YYYY-MM-DD.' in page
    assert 'value="ayer"' in page and 'aria-invalid="true"' in page


def test_the_download_is_the_forums_lines_of_the_export(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    answer = client.get(f"/forums/{told.forum}/log.jsonl")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["Content-Disposition"]
    exported = io.StringIO()
    export_events(web_app.extensions["tracker"].engine, exported)
    header, *lines = exported.getvalue().splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith('{"person_key"')]  # the keys are for restores only
    ours = [line for line in lines if json.loads(line)["tenant_id"] == told.forum]
    assert 0 < len(ours) < len(lines)
    assert answer.get_data(as_text=True) == header + "".join(ours)


ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible_text(page: str) -> str:
    """What a reader sees: the page without its tags, attributes, scripts and the filter form's inputs."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", page)


def test_the_spanish_log_and_trail_speak_words_not_types_keys_or_iso_times(web_app, client, told):
    from events.catalog import registry

    sign_in(client, story.EVALUATOR)
    pages = {"log": text_of(client.get(f"/forums/{told.forum}/log?lang=es")),
             "trail": text_of(client.get(f"/contributions/{told.unsent}/trail?lang=es"))}
    assert "Aporte recibido" in pages["log"] and "Aporte recibido" in pages["trail"]
    assert "Respuesta a un aporte" in pages["trail"]
    assert "partially_accepted" not in pages["trail"] and "Aceptado en parte" in pages["trail"]  # a decision in words
    events = list(web_app.extensions["tracker"].store.read_all(tenant_id=told.forum))
    keys = {k for e in events for k in e.data if "_" in k}
    for name, page in pages.items():
        seen = visible_text(page)
        # the option values of the type filter are the types (the query string's), their labels are words
        seen = re.sub(r'value="[^"]*"', "", seen)
        for event_type in registry.versions:
            assert event_type not in seen, (name, event_type)
        for key in keys:
            assert f"{key}:" not in seen and f'"{key}"' not in seen, (name, key)
        assert not ISO_INSTANT.search(seen), (name, ISO_INSTANT.search(seen))
        assert not ISO_DAY.search(seen), (name, ISO_DAY.search(seen))
        assert "UTC" not in seen
        assert "hora de Perú" in seen  # the forum's time zone, said in words
        assert re.search(r"\d{1,2} de [a-z]+ de \d{4}, \d{2}:\d{2}", seen)  # times written out


def test_the_trail_links_to_its_contribution_and_its_events_in_the_log(client, told):
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/contributions/{told.unsent}/trail?lang=es"))
    assert f'href="/contributions/{told.unsent}"' in page
    assert f'href="/forums/{told.forum}/log?stream={told.unsent}"' in page
