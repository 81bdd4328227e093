"""A member of the public who left a phone tells the secretariat (by phone, in person) to stop answering them by
WhatsApp or SMS: the secretariat records it on the contribution's page (or through
`POST /contributions/{id}/channel-withdrawal`), honoured at once as a "BAJA" reply is; a channel they had not
agreed to, or withdrew already, is refused and nothing is recorded."""
from __future__ import annotations

import pytest

from tests.support.api import ApiClient
from tests.support.builders_contributions import contribute, resident
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth

PHONE = "+51976543210"


@pytest.fixture
def admin(web_app, told) -> ApiClient:
    services = web_app.extensions["tracker"]
    return ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))


@pytest.fixture
def by_phone(admin, told) -> str:
    """A contribution whose author left a phone and agreed to WhatsApp and SMS."""
    return contribute(admin, told.plan, resident(phone=PHONE, opt_in=["whatsapp", "sms"]))


def withdrawals(web_app, contribution: str) -> list[dict]:
    return [e.data for e in web_app.extensions["tracker"].store.read_stream(contribution)
            if e.type == "ContributorChannelWithdrawn"]


def test_the_api_records_a_withdrawal_told_to_the_secretariat_once(web_app, admin, by_phone):
    admin.post(f"/contributions/{by_phone}/channel-withdrawal", {"channel": "whatsapp"})
    assert [(w["channel"], w["source"]) for w in withdrawals(web_app, by_phone)] == [("whatsapp", "secretariat")]
    assert admin.get(f"/contributions/{by_phone}")["author"]["opt_in"] == ["sms"]

    again = admin.call("POST", f"/contributions/{by_phone}/channel-withdrawal", {"channel": "whatsapp"})
    assert again.status_code == 409 and list(again.get_json()["errors"]) == ["channel"]
    wrong = admin.call("POST", f"/contributions/{by_phone}/channel-withdrawal", {"channel": "telegram"})
    assert wrong.status_code == 422 and list(wrong.get_json()["errors"]) == ["channel"]
    assert len(withdrawals(web_app, by_phone)) == 1


def test_the_secretariat_stops_a_channel_from_the_contribution_page_in_spanish(web_app, client, by_phone):
    sign_in(client, story.SECRETARIAT)
    page = client.get(f"/contributions/{by_phone}").get_data(as_text=True)
    assert PHONE in page and "aceptó recibir la respuesta por WhatsApp, SMS" in page
    assert "Dejar de responderle por WhatsApp" in page and "Dejar de responderle por SMS" in page

    token = csrf_token(client, f"/contributions/{by_phone}")
    done = client.post(f"/contributions/{by_phone}/channel-withdrawal", data={"csrf_token": token, "channel": "sms"})
    assert done.status_code == 302
    page = client.get(f"/contributions/{by_phone}").get_data(as_text=True)
    assert "Registrado: ya no se le responderá por SMS." in page
    assert "aceptó recibir la respuesta por WhatsApp · ya no por SMS" in page
    assert "Dejar de responderle por SMS" not in page
    assert [(w["channel"], w["source"]) for w in withdrawals(web_app, by_phone)] == [("sms", "secretariat")]

    refused = client.post(f"/contributions/{by_phone}/channel-withdrawal",
                          data={"csrf_token": token, "channel": "sms"})
    assert refused.status_code == 409
    assert "No se registró nada: la persona no había aceptado" in refused.get_data(as_text=True)
    assert len(withdrawals(web_app, by_phone)) == 1


def test_only_those_who_write_the_forum_may_stop_a_channel(web_app, client, by_phone):
    sign_in(client, story.EVALUATOR)
    page = client.get(f"/contributions/{by_phone}")
    assert "Dejar de responderle" not in page.get_data(as_text=True)
    token = csrf_token(client, f"/contributions/{by_phone}")
    refused = client.post(f"/contributions/{by_phone}/channel-withdrawal",
                          data={"csrf_token": token, "channel": "whatsapp"})
    assert refused.status_code == 403 and withdrawals(web_app, by_phone) == []
