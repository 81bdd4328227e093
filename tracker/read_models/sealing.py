"""Personal data in the read models, sealed with each person's own key as the log seals it.

A state the `records` table keeps (a forum's roster, a contribution's author, a session's guests) holds the
same personal values as the events it was folded from. Those values are stored here sealed, never in clear:

    {"$sealed": "rep_…", "k": "name", "ct": BASE64}

AES-256-GCM under the person's key, with their id and the field's name bound to it (the log's own scheme:
`events.personal.Keyring`), its nonce derived from the key and the value (deterministic: a read model rebuilt, or
restored on another engine, is the same byte for byte; it tells only that one person's field kept its value), so
a copy of the database without the master key, or after the person is forgotten,
reads no name, email or phone in the read models either.

Which values are personal is what the event types already declare (`PERSONAL`), applied to the dataclasses
and dicts the domain's folds copy them into: `STATE_PERSONAL`. A person with no key at all (values logged in
clear before sealing existed) stays in clear here too, as in the log; a person forgotten meanwhile reads as
forgotten.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from events import EventStore
from events.catalog.contributions import ContributionReceived
from events.catalog.forums import RepresentativeDesignated
from events.catalog.sessions import SessionHeld
from events.personal import FORGOTTEN, SEALED, Personal, copy_containers
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import Representative
from tracker.domain.session import SessionState
from tracker.read_models.codec import SEALED_TAG_KEY as TAG

#: Where each state dataclass holds personal values: the event's declaration, applied to the fields the fold
#: copies (a representative's own fields; a contribution's `author`; a session's `attendance`).
STATE_PERSONAL: dict[type, tuple[Personal, ...]] = {
    Representative: tuple(Personal(subject="id", fields=spec.fields, contact=spec.contact)
                          for spec in RepresentativeDesignated.PERSONAL),
    ContributionState: ContributionReceived.PERSONAL,
    SessionState: SessionHeld.PERSONAL,
}
#: The names that read as FORGOTTEN once the key is gone (the others, contact data, read as None).
_FIELDS = frozenset(name for specs in STATE_PERSONAL.values() for spec in specs for name in spec.fields)
#: How many sealed values a process reuses (a forum's roster is re-encoded with each of its events).
SEALED_KEPT = 16_384
_PEOPLE = re.compile(r'"\$sealed":\s*"([^"\\]+)"')


def forgotten_value(name: str) -> str | None:
    """What a sealed `name` reads as once its person is forgotten."""
    return FORGOTTEN if name in _FIELDS else None


class Sealer:
    """Seals the personal values of encoded states, for one read model's writes.

    A value already sealed for the same person, field and text is reused (sealing is deterministic), so
    re-encoding a forum's roster with each of its events costs no encryption. Keys are asked of the store
    once a person per batch (`begin_batch`), never cached across batches: a person forgotten in between is
    sealed for no more.
    """

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._sealed: OrderedDict[tuple[str, str, str], dict[str, str]] = OrderedDict()
        self._ciphers: dict[str, Any] = {}
        self._keyed: dict[str, bool] = {}

    classes = frozenset(STATE_PERSONAL)

    def begin_batch(self) -> None:
        """Forget the keys looked up so far (a batch asks again)."""
        self._ciphers.clear()
        self._keyed.clear()

    def seal(self, cls: type, fields: dict[str, Any]) -> dict[str, Any]:
        """The encoded fields of a `cls` state with its personal values sealed (the dicts holding them copied)."""
        specs = STATE_PERSONAL[cls]
        sealed = copy_containers(fields, specs)
        places = [(holder, holder[spec.subject], name) for spec in specs for holder in spec.containers(sealed)
                  for name in spec.names]
        places = [(holder, person_id, name) for holder, person_id, name in places
                  if isinstance(value := holder.get(name), str) and value and value != FORGOTTEN]
        unknown = {person_id for _, person_id, _ in places} - self._ciphers.keys()
        if unknown:  # every key this state needs, in one query
            found = self.store.ciphers(unknown)
            self._ciphers.update({person_id: found.get(person_id) for person_id in unknown})
        for holder, person_id, name in places:
            holder[name] = self._sealed_value(person_id, name, holder[name])
        return sealed

    def _sealed_value(self, person_id: str, name: str, value: str) -> Any:
        key = (person_id, name, value)
        found = self._sealed.get(key)
        if found is not None and self._cipher(person_id) is not None:
            self._sealed.move_to_end(key)
            return found
        cipher = self._cipher(person_id)
        if cipher is None:
            # No key: logged in clear before sealing existed (kept as the log keeps it), or forgotten.
            return value if not self._has_key_row(person_id) else forgotten_value(name)
        keyring = self.store.keyring
        assert keyring is not None  # a cipher exists only with a keyring
        opened = keyring.seal_value(cipher, person_id, name, value, deterministic=True)
        found = {TAG: person_id, "k": name, "ct": opened["ct"]}
        self._sealed[key] = found
        if len(self._sealed) > SEALED_KEPT:
            self._sealed.popitem(last=False)
        return found

    def _cipher(self, person_id: str) -> Any:
        return self._ciphers[person_id]

    def _has_key_row(self, person_id: str) -> bool:
        if person_id not in self._keyed:
            self._keyed[person_id] = self.store.person(person_id) is not None
        return self._keyed[person_id]


class Opener:
    """Opens the sealed values of stored states, with the keys of the people they name asked for at once."""

    def __init__(self, store: EventStore, texts: Iterable[str]) -> None:
        people = {person_id for text in texts for person_id in _PEOPLE.findall(text)}
        self.keyring = store.keyring
        self.ciphers: Mapping[str, Any] = store.ciphers(people) if people else {}

    def __call__(self, data: Mapping[str, Any]) -> Any:
        """The value a `{"$sealed": …}` object stands for (the forgotten value when its key is gone)."""
        person_id, name, ct = data.get(TAG), data.get("k"), data.get("ct")
        if not (isinstance(person_id, str) and isinstance(name, str) and isinstance(ct, str) and len(data) == 3):
            raise ValueError(f"not a sealed value as stored: {sorted(data)}")
        forgotten = forgotten_value(name)
        if self.keyring is None:
            return forgotten
        return self.keyring.open_value(self.ciphers.get(person_id), name, {SEALED: person_id, "ct": ct}, forgotten)

