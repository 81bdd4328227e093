"""The SMTP sender against a real server on loopback, its settings from the environment, and the scheduler's
simulated clock."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from config import Config
from events.store import utc_now
from tests.support.smtp import MAIL_FROM, Inbox, SmtpServer, free_port
from tracker.mail import MailError, SmtpMailer, SmtpSettings
from tracker.scheduler.clock import SimulatedClock, clock_from


@pytest.fixture
def smtp():
    with SmtpServer() as inbox:
        yield inbox


def message(to: str = "ana.quispe@regioncajamarca.gob.pe") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = MAIL_FROM, to, "Recordatorio: sesión ordinaria"
    msg["Message-ID"] = "<dlv_0123@gobiernoabierto.cajamarca.gob.pe>"
    msg.set_content("Hola, Ana:\n\nLe recordamos la sesión.\n")
    return msg


def test_a_message_reaches_the_server_as_sent(smtp):
    smtp.mailer().send(message())
    [received] = smtp.messages
    assert received.mail_from == MAIL_FROM and received.rcpt_tos == ("ana.quispe@regioncajamarca.gob.pe",)
    assert received.subject == "Recordatorio: sesión ordinaria"
    assert received.message_id == "<dlv_0123@gobiernoabierto.cajamarca.gob.pe>"
    assert "Le recordamos la sesión." in received.text()


def test_a_refusing_or_unreachable_server_is_a_mail_error(smtp):
    smtp.refusing = True
    with pytest.raises(MailError, match="451"):
        smtp.mailer().send(message())
    with pytest.raises(MailError):
        SmtpMailer(SmtpSettings(port=free_port(), timeout=2)).send(message())


def test_starttls_asked_of_a_server_that_cannot_is_refused_rather_than_sent_in_clear(smtp):
    with pytest.raises(MailError, match="STARTTLS"):
        SmtpMailer(smtp.settings(tls="starttls")).send(message())
    assert smtp.messages == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")  # loopback, on purpose
@pytest.mark.filterwarnings("ignore:Session.login_data is deprecated")  # aiosmtpd's own
def test_the_login_is_used_when_configured():
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"tracker", b"s3cr3t")
        return AuthResult(success=ok)

    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, authenticator=authenticate,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        SmtpMailer(inbox.settings(user="tracker", password="s3cr3t")).send(message())
        with pytest.raises(MailError):
            SmtpMailer(inbox.settings(user="tracker", password="wrong", timeout=1)).send(message())
        with pytest.raises(MailError):
            SmtpMailer(inbox.settings()).send(message())
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_settings_come_from_the_environment(monkeypatch):
    for name, value in {"TRACKER_SMTP_HOST": "smtp.regioncajamarca.gob.pe", "TRACKER_SMTP_PORT": "587",
                        "TRACKER_MAIL_FROM": MAIL_FROM, "TRACKER_SMTP_TLS": "starttls",
                        "TRACKER_SMTP_USER": "tracker", "TRACKER_SMTP_PASSWORD": "s3cr3t"}.items():
        monkeypatch.setenv(name, value)
    settings = SmtpSettings.from_config(Config().as_dict())
    assert settings == SmtpSettings("smtp.regioncajamarca.gob.pe", 587, MAIL_FROM, "starttls", "tracker", "s3cr3t")
    monkeypatch.setenv("TRACKER_SMTP_TLS", "tls1.0")
    with pytest.raises(ValueError, match="TRACKER_SMTP_TLS"):
        SmtpSettings.from_config(Config().as_dict())


def test_the_simulated_clock_starts_where_told_and_runs_at_its_speed():
    real = [datetime(2030, 1, 1, tzinfo=UTC)]
    clock = SimulatedClock(datetime.fromisoformat("2025-05-01T00:00:00+00:00"), 600, real=lambda: real[0])
    assert clock() == datetime(2025, 5, 1, tzinfo=UTC)
    real[0] += timedelta(seconds=3)
    assert clock() == datetime(2025, 5, 1, 0, 30, tzinfo=UTC)
    anchored = SimulatedClock(datetime(2025, 5, 1, tzinfo=UTC), 60, anchor=real[0] - timedelta(seconds=1),
                              real=lambda: real[0])
    assert anchored() == datetime(2025, 5, 1, 0, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        SimulatedClock(datetime(2025, 5, 1), 600)


def test_only_a_configured_clock_is_simulated():
    assert clock_from({"CLOCK": None}) is utc_now
    simulated = clock_from({"CLOCK": "2025-05-01T00:00:00-05:00", "CLOCK_SPEED": 1.0, "CLOCK_ANCHOR": None})
    assert abs(simulated() - datetime.fromisoformat("2025-05-01T00:00:00-05:00")) < timedelta(seconds=5)
