"""Personal data in the log, encrypted per person so that forgetting a person is destroying one key.

An event type declares where it carries a person's data:

    @registry.register
    @dataclass(frozen=True)
    class RepresentativeDesignated(DomainEvent):
        PERSONAL: ClassVar = (Personal(subject="representative_id", fields=("name",), contact=("email", "phone")),)

When the store appends such an event, each named value that is a non-empty string is replaced, in the stored
text, by `{"sealed": PERSON_ID, "ct": BASE64}`: AES-256-GCM under the person's own key, with the person's id and
the field's name as associated data (a sealed value moved to another person or field does not open). The chain
hashes the stored text, so destroying the key later changes nothing the chain covers: the log still verifies.

Reading opens every sealed value whose key still exists. Once the person is forgotten (`Keyring.forget`, which
sets the key to NULL for good), a `fields` value reads as FORGOTTEN and a `contact` value as None, everywhere the
event is read: folds, projections, reports, the API's log, the export's readers.

Keys live in their own table (`person_keys`), each wrapped (AES-256-GCM) by the deployment's master key, which
only the environment holds (TRACKER_MASTER_KEY): a copy of the database without the master key reads nothing
personal. Values stored in clear before this module existed stay readable and cannot be shredded.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

#: What a forgotten person's name (or any other `fields` value) reads as.
FORGOTTEN = "(forgotten)"
SEALED = "sealed"
#: How many unwrapped person keys a process keeps (the oldest first out): a forum's people, many times over.
UNWRAPPED_KEPT = 4_096
_NONCE = 12
log = logging.getLogger(__name__)


class MasterKeyError(RuntimeError):
    """The master key is malformed, or is not the one the stored person keys were wrapped with."""


@dataclass(frozen=True)
class Personal:
    """Where one person's data sits in an event's data.

    `subject` names the key holding the person's id; `within`, if given, names a field holding a dict (or a
    list of dicts) that carries both the subject and the values. A container without a subject is not a
    person's (a representative in an attendance list is named by id only) and is left as it is.
    """

    subject: str
    fields: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    within: str | None = None

    def containers(self, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """The dicts of `data` that hold a person's data under this declaration."""
        if self.within is None:
            holders: Iterable[Any] = (data,)
        else:
            inner = data.get(self.within)
            holders = inner if isinstance(inner, list) else (inner,)
        for holder in holders:
            if isinstance(holder, dict) and isinstance(holder.get(self.subject), str):
                yield holder

    @property
    def names(self) -> tuple[str, ...]:
        return self.fields + self.contact


def decode_master_key(text: str) -> bytes:
    """The 32-byte master key from its URL-safe base64 text (what `Fernet.generate_key()` prints)."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        raise MasterKeyError("the master key must be 32 bytes in URL-safe base64 (44 characters): make one with "
                             "`tracker people new-master-key`")
    return key


def new_master_key() -> str:
    """A fresh master key as text."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


class PersonCipher:
    """One person's key, opened: AES-256-GCM for their values, and a key derived from it (HMAC-SHA256) that makes
    the nonce of a deterministic seal (`Keyring.seal_value(..., deterministic=True)`)."""

    __slots__ = ("_aead", "_nonce_key")

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)
        self._nonce_key = hmac.new(key, b"tracker: deterministic nonce", hashlib.sha256).digest()

    def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        return self._aead.encrypt(nonce, data, aad)

    def decrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        return self._aead.decrypt(nonce, data, aad)

    def nonce_for(self, aad: bytes, data: bytes) -> bytes:
        """A nonce that only this key, these associated data and this value give (SIV: a keyed PRF of both)."""
        return hmac.new(self._nonce_key, len(aad).to_bytes(4, "big") + aad + data, hashlib.sha256).digest()[:_NONCE]


class Keyring:
    """Person keys: made on first use, wrapped by the master key, unwrapped on read, destroyed on forget.

    The keyring holds no state that another process could make stale: every read asks the database which of
    the people it needs still have a key, so a person forgotten by one process reads as forgotten in every
    other at once. Unwrapped keys are cached by their wrapped text, which a forget removes from the table.
    """

    def __init__(self, master_key: bytes) -> None:
        self._master = AESGCM(master_key)
        self._unwrapped: dict[tuple[str, str], PersonCipher] = {}

    # -- keys ------------------------------------------------------------------------------------

    def wrap(self, person_id: str, key: bytes) -> str:
        nonce = os.urandom(_NONCE)
        return base64.b64encode(nonce + self._master.encrypt(nonce, key, person_id.encode())).decode("ascii")

    def unwrap(self, person_id: str, wrapped: str) -> PersonCipher:
        """The person's cipher from its wrapped key (MasterKeyError if the master key is not the one used, or
        the key is another person's)."""
        cipher = self._unwrapped.get((person_id, wrapped))
        if cipher is None:
            raw = base64.b64decode(wrapped)
            try:
                key = self._master.decrypt(raw[:_NONCE], raw[_NONCE:], person_id.encode())
            except InvalidTag:
                raise MasterKeyError(
                    f"the key of {person_id} does not open with this master key: TRACKER_MASTER_KEY is not the "
                    "key the database (or backup) was written with") from None
            cipher = PersonCipher(key)
            if len(self._unwrapped) >= UNWRAPPED_KEPT:  # bounded: a rebuild meets every person once
                self._unwrapped.pop(next(iter(self._unwrapped)))
            self._unwrapped[(person_id, wrapped)] = cipher
        return cipher

    def new_wrapped_key(self, person_id: str) -> str:
        return self.wrap(person_id, AESGCM.generate_key(bit_length=256))

    # -- values ----------------------------------------------------------------------------------

    @staticmethod
    def _aad(person_id: str, name: str) -> bytes:
        return f"{person_id}\x00{name}".encode()

    def seal_value(self, cipher: PersonCipher, person_id: str, name: str, value: str, *,
                   deterministic: bool = False) -> dict[str, str]:
        """`value` sealed for the person and field; `deterministic`: the same value always seals the same way
        under one key (a read model rebuilt is then the same, byte for byte), which tells only that two sealed
        values of one person's field are equal."""
        aad, data = self._aad(person_id, name), value.encode("utf-8")
        nonce = cipher.nonce_for(aad, data) if deterministic else os.urandom(_NONCE)
        sealed = cipher.encrypt(nonce, data, aad)
        return {SEALED: person_id, "ct": base64.b64encode(nonce + sealed).decode("ascii")}

    def open_value(self, cipher: PersonCipher | None, name: str, sealed: Mapping[str, str], forgotten: Any) -> Any:
        if cipher is None:
            return forgotten
        raw = base64.b64decode(sealed["ct"])
        try:
            return cipher.decrypt(raw[:_NONCE], raw[_NONCE:], self._aad(sealed[SEALED], name)).decode("utf-8")
        except InvalidTag:  # a sealed value moved from elsewhere: it is not this person's, so it reads as nothing
            log.warning("a sealed %s of %s does not open with its key", name, sealed[SEALED])
            return forgotten


def is_sealed(value: Any) -> TypeGuard[dict[str, Any]]:
    """Is this stored value a sealed one?"""
    return isinstance(value, dict) and SEALED in value and "ct" in value


def seal(data: dict[str, Any], specs: Iterable[Personal], keyring: Keyring,
         cipher_for: Callable[[str], PersonCipher | None]) -> dict[str, Any]:
    """`data` with every declared personal value sealed; `cipher_for(person_id)` gives the person's cipher, or
    None when the person is forgotten (their new data is then dropped: stored as its forgotten value)."""
    sealed = copy_containers(data, specs)
    for spec in specs:
        for holder in spec.containers(sealed):
            person_id = holder[spec.subject]
            for name in spec.names:
                value = holder.get(name)
                if isinstance(value, str) and value:
                    cipher = cipher_for(person_id)
                    if cipher is None:
                        holder[name] = FORGOTTEN if name in spec.fields else None
                    else:
                        holder[name] = keyring.seal_value(cipher, person_id, name, value)
    return sealed


def sealed_people(data: Mapping[str, Any], specs: Iterable[Personal]) -> set[str]:
    """The ids of the people whose sealed values `data` holds."""
    people = set()
    for spec in specs:
        for holder in spec.containers(data):
            if any(is_sealed(holder.get(name)) for name in spec.names):
                people.add(holder[spec.subject])
    return people


def open_sealed(data: dict[str, Any], specs: Iterable[Personal], ciphers: Mapping[str, PersonCipher | None],
                keyring: Keyring | None) -> dict[str, Any]:
    """`data` with every sealed value opened with `ciphers` (a missing or None cipher, or no keyring: the
    forgotten value)."""
    opened = copy_containers(data, specs)
    for spec in specs:
        for holder in spec.containers(opened):
            cipher = ciphers.get(holder[spec.subject])
            for name in spec.names:
                value = holder.get(name)
                if is_sealed(value):
                    forgotten = FORGOTTEN if name in spec.fields else None
                    holder[name] = forgotten if keyring is None else keyring.open_value(cipher, name, value, forgotten)
    return opened


def copy_containers(data: dict[str, Any], specs: Iterable[Personal]) -> dict[str, Any]:
    """A copy of `data` whose person-holding containers are copies too (the caller's dicts stay as they were)."""
    copy = dict(data)
    for spec in specs:
        if spec.within is not None:
            inner = copy.get(spec.within)
            if isinstance(inner, list):
                copy[spec.within] = [dict(item) if isinstance(item, dict) else item for item in inner]
            elif isinstance(inner, dict):
                copy[spec.within] = dict(inner)
    return copy
