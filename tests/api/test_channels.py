"""A forum's country, representatives' phones and their agreement to WhatsApp and SMS, through the API.

Given a forum of Cajamarca established with its country (PE), when the secretariat designates a representative with a
phone as people write it in Peru and the channels they agreed to, or records an agreement or its withdrawal later,
then the phone is kept in E.164 and the channels on the roster for full readers only; bad input is a 422 naming the
field, with nothing written."""
from __future__ import annotations

from tests.api.conftest import event_count
from tests.support.builders import designate, forum_body, join, new_forum


def test_a_phone_typed_in_peru_is_kept_in_e164_with_the_channels_agreed(api, app):
    forum_id = new_forum(api, country="PE")
    org = join(api, forum_id, "Ronda Campesina de Bambamarca", "civil_society")
    rep = designate(api, forum_id, org, "Santos Huamán", phone="976 543 210", opt_in=["whatsapp"])

    forum = api.get(f"/forums/{forum_id}")
    assert forum["country"] == "PE"
    santos = next(r for r in forum["representatives"] if r["id"] == rep)
    assert (santos["phone"], santos["opt_in"]) == ("+51976543210", ["whatsapp"])
    public = next(r for r in api.as_(None).get(f"/forums/{forum_id}")["representatives"] if r["id"] == rep)
    assert "phone" not in public and "opt_in" not in public


def test_an_invalid_phone_or_channel_is_a_422_on_its_field_and_writes_nothing(api, app):
    forum_id = new_forum(api, country="PE")
    org = join(api, forum_id, "Ronda Campesina de Bambamarca", "civil_society")
    before = event_count(app)
    path = f"/forums/{forum_id}/organizations/{org}/representatives"
    body = {"name": "Santos Huamán", "role": "primary", "designated_on": "2025-03-01"}
    for extra, field in (({"phone": "976 543"}, "phone"), ({"opt_in": ["sms"]}, "opt_in"),
                         ({"phone": "976543210", "opt_in": ["telegram"]}, "opt_in")):
        refused = api.call("POST", path, {**body, **extra})
        assert refused.status_code == 422, extra
        assert [k.split(".")[0] for k in refused.get_json()["errors"]] == [field], extra
    assert api.call("POST", "/forums", forum_body(country="Peru")).status_code == 422
    assert event_count(app) == before


def test_the_secretariat_records_an_agreement_and_its_withdrawal_honoured_at_once(api, app):
    forum_id = new_forum(api)
    api.post(f"/forums/{forum_id}/policy", {"effective_on": "2026-01-05", "country": "PE"})
    org = join(api, forum_id, "Asociación de Jóvenes de Celendín", "youth")
    rep = designate(api, forum_id, org, "Lucía Chávez", phone="976 000 111")
    path = f"/forums/{forum_id}/representatives/{rep}/channels"

    api.post(path, {"channel": "sms", "opted_in": True, "on": "2026-11-20"})
    api.post(path, {"channel": "whatsapp", "opted_in": True, "on": "2026-11-20"})
    assert _opt_in(api, forum_id, rep) == ["sms", "whatsapp"]
    api.post(path, {"channel": "sms", "opted_in": False, "on": "2026-11-20"})
    assert _opt_in(api, forum_id, rep) == ["whatsapp"]
    recorded = list(app.extensions["tracker"].store.read_stream(forum_id))[-1]
    assert recorded.type == "ChannelConsentRecorded"
    assert recorded.data == {"representative_id": rep, "channel": "sms", "opted_in": False, "on": "2026-11-20",
                             "source": "secretariat"}

    before = event_count(app)
    assert api.call("POST", path, {"channel": "sms", "opted_in": False, "on": "2026-11-20"}).status_code == 409
    assert api.call("POST", path, {"channel": "fax", "opted_in": True, "on": "2026-11-20"}).status_code == 422
    assert api.call("POST", f"/forums/{forum_id}/representatives/rep_x/channels",
                    {"channel": "sms", "opted_in": True, "on": "2026-11-20"}).status_code == 404
    assert event_count(app) == before


def _opt_in(api, forum_id: str, rep: str) -> list[str]:
    return next(r for r in api.get(f"/forums/{forum_id}")["representatives"] if r["id"] == rep)["opt_in"]
