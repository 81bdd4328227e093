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

from events import EventStore, RecordedEvent
from events.catalog.contributions import ContributionReceived
from events.catalog.forums import RepresentativeDesignated
from events.catalog.sessions import SessionHeld
from events.personal import FORGOTTEN, SEALED, Personal
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState
from tracker.domain.session import SessionState
from tracker.read_models.codec import SEALED_TAG_KEY as TAG

#: Where each state the `records` table keeps holds personal values: the event's declaration, applied to what
#: the fold copies it into (a contribution's `author`; a session's `attendance`; each of a forum's
#: `representatives`, under their own id), in the state as `codec.encode` writes it.
STATE_PERSONAL: dict[type, tuple[Personal, ...]] = {
    ForumState: tuple(Personal(subject="id", fields=spec.fields, contact=spec.contact, within="representatives")
                      for spec in RepresentativeDesignated.PERSONAL),
    ContributionState: ContributionReceived.PERSONAL,
    SessionState: SessionHeld.PERSONAL,
}
#: The names that read as FORGOTTEN once the key is gone (the others, contact data, read as None).
_FIELDS = frozenset(name for specs in STATE_PERSONAL.values() for spec in specs for name in spec.fields)
#: How many sealed values a process reuses (a forum's roster is re-encoded with each of its events).
SEALED_KEPT = 16_384
#: How many people's keys a read model keeps opened between batches.
KEYS_KEPT = 8_192
_PEOPLE = re.compile(r'"\$sealed":\s*"([^"\\]+)"')


def forgotten_value(name: str) -> str | None:
    """What a sealed `name` reads as once its person is forgotten."""
    return FORGOTTEN if name in _FIELDS else None


class Sealer:
    """Seals the personal values of encoded states, for one read model's writes.

    A value already sealed for the same person, field and text is reused (sealing is deterministic), so
    re-encoding a forum's roster with each of its events costs no encryption. Keys are asked of the store in
    one query a batch for the people its events name (`begin_batch`), and kept across batches (bounded): a
    person forgotten meanwhile reads as forgotten in the events the states are folded from, so a kept key seals
    nothing of theirs but their forgotten value, which is not sealed; at worst, in a race with the forgetting,
    it seals a value nobody can open any more. Who has no key is asked again each batch (a key is made with
    the first event that names its person).
    """

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._sealed: OrderedDict[tuple[str, str, str], dict[str, str]] = OrderedDict()
        self._ciphers: OrderedDict[str, Any] = OrderedDict()
        self._keyless: set[str] = set()
        self._keyed: dict[str, bool] = {}

    def begin_batch(self, events: Iterable[RecordedEvent] = ()) -> None:
        """Before a batch is written: the keys of everyone its events name, in one query."""
        self._keyless.clear()
        self._keyed.clear()
        declared = self.store.registry.personal
        named: set[str] = set()
        for event in events:
            if event.type == "PersonForgotten":
                self._ciphers.pop(event.data.get("person_id", ""), None)
            for spec in declared.get(event.type, ()):
                named.update(holder[spec.subject] for holder in spec.containers(event.data))
        self._ask({person_id for person_id in named if person_id not in self._ciphers})

    def _ask(self, people: set[str]) -> None:
        if not people:
            return
        found = self.store.ciphers(people)
        for person_id in people:
            cipher = found.get(person_id)
            if cipher is None:
                self._keyless.add(person_id)
                continue
            self._ciphers[person_id] = cipher
            if len(self._ciphers) > KEYS_KEPT:
                self._ciphers.popitem(last=False)

    def seal_state(self, state: Any, encoded: Any) -> Any:
        """`encoded` (`codec.encode(state)`) with the state's personal values sealed; the dicts that held them
        are copied, the rest shared. A state of another kind holds none: returned as it is."""
        specs = STATE_PERSONAL.get(type(state))
        if specs is None:
            return encoded
        sealed = dict(encoded)
        for within in {spec.within for spec in specs if spec.within is not None}:
            sealed[within] = _copied(sealed.get(within))
        places = []
        for spec in specs:
            for holder in _holders(sealed, spec):
                person_id = holder[spec.subject]
                for name in spec.names:
                    value = holder.get(name)
                    if type(value) is str and value and value != FORGOTTEN:
                        places.append((holder, person_id, name, value))
        unknown = {place[1] for place in places if place[1] not in self._ciphers and place[1] not in self._keyless}
        if unknown:
            self._ask(unknown)
        for holder, person_id, name, value in places:
            holder[name] = self._sealed_value(person_id, name, value)
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
        return self._ciphers.get(person_id)

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



def _copied(inner: Any) -> Any:
    """A container of person-holding dicts, copied with its dicts (the caller's stay as they were)."""
    if isinstance(inner, list):
        return [dict(item) if isinstance(item, dict) else item for item in inner]
    if isinstance(inner, dict):
        if any(isinstance(item, dict) for item in inner.values()):  # a roster: {id: {...}}
            return {key: dict(item) if isinstance(item, dict) else item for key, item in inner.items()}
        return dict(inner)
    return inner


def _holders(sealed: dict[str, Any], spec: Personal) -> list[dict[str, Any]]:
    """The dicts of an encoded state (its containers already copied) that hold a person's values under `spec`:
    the state itself, each item of a list, the one dict, or each value of a dict of them (a roster)."""
    if spec.within is None:
        return [sealed] if isinstance(sealed.get(spec.subject), str) else []
    inner = sealed.get(spec.within)
    if isinstance(inner, list):
        found = inner
    elif isinstance(inner, dict):
        found = [inner] if isinstance(inner.get(spec.subject), str) else list(inner.values())
    else:
        return []
    return [c for c in found if isinstance(c, dict) and isinstance(c.get(spec.subject), str)]
