"""The composition root: every entry point (web, CLI, scheduler, tests) builds its parts here."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

import events.catalog
from events import EventStore, IncrementalVerifier, make_engine
from events.personal import Keyring
from events.store import Clock, utc_now
from events.tenant_cache import MAX_EVENTS as TENANT_CACHE_EVENTS
from tracker.auth.passwords import Passwords
from tracker.mail import SmtpMailer, SmtpSettings
from tracker.messaging import Messenger
from tracker.messaging.twilio_sms import TwilioSettings, TwilioSms, TwilioWhatsApp
from tracker.messaging.whatsapp import WhatsAppCloud, WhatsAppSettings
from tracker.read_models import ReadModels, build_projector

#: The default largest upload: 20 MiB.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass
class Services:
    """The parts of one running application."""

    engine: Engine
    store: EventStore
    clock: Clock
    projector: ReadModels
    passwords: Passwords
    #: The largest file an upload may carry, in bytes (TRACKER_MAX_UPLOAD_BYTES; tracker.documents).
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    #: Seconds between the full re-hashes the public verification runs in the background
    #: (TRACKER_VERIFICATION_FULL_EVERY).
    full_verification_every: float = 3600
    #: The public verification of the log, which re-hashes only what is new (events.IncrementalVerifier).
    verifier: IncrementalVerifier = field(init=False)

    def __post_init__(self) -> None:
        self.verifier = IncrementalVerifier(self.engine, self.clock, self.full_verification_every)


def bootstrap(database_url: str, *, keyring: Keyring | None = None, clock: Clock = utc_now,
              sqlite_synchronous: str = "FULL", tenant_cache_events: int = TENANT_CACHE_EVENTS,
              passwords: Passwords | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES,
              full_verification_every: float = 3600) -> Services:
    """Build the engine, the event store (sealing personal data with `keyring`, by default the one of
    TRACKER_MASTER_KEY or of the default instance folder; keeping at most `tenant_cache_events` decoded events
    of recently read forums), the read models' projector for `database_url` and the password hasher (argon2id
    with production parameters unless `passwords` is given); nothing touches the database yet."""
    if keyring is None:
        from config import Config
        from tracker.people.master_key import DEFAULT_INSTANCE, keyring_for

        keyring = keyring_for(Config().as_dict(), DEFAULT_INSTANCE)
    engine = make_engine(database_url, sqlite_synchronous=sqlite_synchronous)
    store = EventStore(engine, events.catalog.registry, clock=clock, keyring=keyring,
                       tenant_cache_events=tenant_cache_events)
    return Services(engine=engine, store=store, clock=clock, projector=build_projector(engine, store),
                    passwords=passwords or Passwords(), max_upload_bytes=max_upload_bytes,
                    full_verification_every=full_verification_every)


def compose(config: Mapping[str, Any], instance_path: str, *, clock: Clock = utc_now,
            database_url: str | None = None, keyring: Keyring | None = None) -> Services:
    """The application's parts as its settings ask: the one place that reads what they need of the
    configuration (the database, SQLite's durability, the master key or the instance folder's, the forum-log
    cache's bound, the largest upload). `clock` is the server's unless an entry point runs on another (the
    scheduler's simulated one); `database_url` replaces the configured database (the sample forum's fresh file);
    `keyring` the one the settings name, for a process that has it open already."""
    from tracker.people.master_key import keyring_for

    return bootstrap(database_url or config["DATABASE_URL"], keyring=keyring or keyring_for(config, instance_path),
                     clock=clock, sqlite_synchronous=config["SQLITE_SYNCHRONOUS"],
                     tenant_cache_events=config["TENANT_CACHE_EVENTS"],
                     max_upload_bytes=config.get("MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES),
                     full_verification_every=config.get("VERIFICATION_FULL_EVERY", 3600))


def mailer(config: Mapping[str, Any]) -> SmtpMailer:
    """The mail sender the settings name (TRACKER_SMTP_*, TRACKER_MAIL_FROM); it connects only to send."""
    return SmtpMailer(SmtpSettings.from_config(config))


def messengers(config: Mapping[str, Any]) -> dict[str, Messenger]:
    """The providers of the channels besides email that the settings configure, by channel (docs/messaging.md); a
    channel without one is not used. WhatsApp goes through the Cloud API when it is configured, else through
    Twilio when that is."""
    found: dict[str, Messenger] = {}
    whatsapp = WhatsAppSettings.from_config(config)
    twilio = TwilioSettings.from_config(config)
    if whatsapp.configured:
        found["whatsapp"] = WhatsAppCloud(whatsapp)
    elif twilio.whatsapp_configured:
        found["whatsapp"] = TwilioWhatsApp(twilio)
    if twilio.configured:
        found["sms"] = TwilioSms(twilio)
    return found


def configured_channels(config: Mapping[str, Any]) -> tuple[str, ...]:
    """The channels besides email the settings give a provider to (as `messengers`, without building them)."""
    twilio = TwilioSettings.from_config(config)
    whatsapp = WhatsAppSettings.from_config(config).configured or twilio.whatsapp_configured
    return (*(("whatsapp",) if whatsapp else ()), *(("sms",) if twilio.configured else ()))
