"""The master key that wraps every person's key: from TRACKER_MASTER_KEY, required in production.

In development (and for `make run` on a fresh machine) a random key is kept in the instance folder beside the
SQLite database, like the session secret. Whoever holds the master key and a copy of the database reads every
person's data; whoever loses it loses all of it (the events and the chain survive, the names do not). Keep it
with the backups, but apart from them.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from config import ConfigurationError
from events.personal import Keyring, MasterKeyError, decode_master_key, new_master_key
from tracker.instance_files import read_or_create

#: Where Flask keeps the application's instance folder (the SQLite database, the development keys).
DEFAULT_INSTANCE = str(Path(__file__).resolve().parents[2] / "instance")


def master_key_text(config: Mapping[str, Any], instance_path: str) -> str:
    """TRACKER_MASTER_KEY, or (outside production) the instance folder's own key, made on first use."""
    if config.get("MASTER_KEY"):
        return config["MASTER_KEY"]
    if config.get("ENVIRONMENT") == "production":
        raise ConfigurationError("TRACKER_MASTER_KEY must be set when TRACKER_ENV=production: it wraps every "
                                 "person's key (make one with `tracker people new-master-key`, and keep it apart "
                                 "from the backups).")
    return read_or_create(Path(instance_path) / "master_key", new_master_key)


def keyring_for(config: Mapping[str, Any], instance_path: str) -> Keyring:
    """The keyring of this deployment's master key (ConfigurationError when it is missing or malformed)."""
    try:
        return Keyring(decode_master_key(master_key_text(config, instance_path)))
    except MasterKeyError as exc:
        raise ConfigurationError(f"TRACKER_MASTER_KEY: {exc}") from None
