"""What a stream means, said once: each kind's id prefix, the name people call it, its event types and its fold.

Every id the server makes is a kind's prefix, `_`, and what makes it unique: `ses_<20 hex digits>` for a session,
`end_<plan>_<n>` for a plan's n-th endorsement, `per_<contribution id>` for a member of the public. A *stream
kind* is also a stream of the log: its events are of the kind's types (declared by the domain module beside the
fold that reads them, e.g. `session.EVENT_TYPES`), and its state is what that fold makes of them. The other kinds
name what lives inside a stream (an organization in its forum's stream, an endorsement in its plan's) or a person
whose data is sealed under a key of their own. A person's forgetting is logged in a stream of its own,
`forgotten-<person id>` (tracker.people.forget), which no fold reads.

Whatever asks what a stream is asks here: the command handlers (which load states with these folds and test the
ids a command names), the read models, the compliance snapshot and the adapters. A decision that needs to know
about another stream takes that stream's folded state (a `SessionState`, a `ConsultationState`), never a second
reading of its events.

This module imports the domain modules for their folds, so they do not import it at module level: the few
decisions that make or test an id import it inside the function. `new_id` is the one helper that is not pure (it
draws random digits); handlers call it, decisions never do.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from events import RecordedEvent
from tracker.domain import commitment, consultation, contribution, document, forum, plan, session
from tracker.domain.notices import deliveries

S = TypeVar("S")


@dataclass(frozen=True)
class IdKind:
    """Something the server gives an id: its `name` in the code, the `prefix` its ids start with (then `_`), and
    `what` people call it (the noun of "no action plan has the id ...")."""

    name: str
    prefix: str
    what: str

    def id_from(self, *parts: object) -> str:
        """The id of this kind made of `parts`: the prefix and each part, joined by `_`."""
        return "_".join((self.prefix, *map(str, parts)))

    def matches(self, some_id: str) -> bool:
        """Is `some_id` an id of this kind? By its prefix only: whether it names anything is the log's to say."""
        return some_id.startswith(self.prefix + "_")


@dataclass(frozen=True)
class StreamKind(IdKind, Generic[S]):
    """A kind of stream of the log: its ids, the types of its events, and the fold that makes its state of them
    (None for an empty stream or one of another kind)."""

    types: tuple[str, ...]
    fold: Callable[[Iterable[RecordedEvent]], S | None]


# -- the streams -------------------------------------------------------------------------------------

#: A forum and its roster; the tenant of every stream of the forum (its own included).
FORUM = StreamKind("forum", "frm", "forum", forum.EVENT_TYPES, forum.fold)
#: An action plan, with its publications, endorsements and the evaluator's judgements.
PLAN = StreamKind("plan", "pln", "action plan", plan.EVENT_TYPES, plan.fold)
SESSION = StreamKind("session", "ses", "session", session.EVENT_TYPES, session.fold)
CONTRIBUTION = StreamKind("contribution", "ctb", "contribution", contribution.EVENT_TYPES, contribution.fold)
COMMITMENT = StreamKind("commitment", "cmt", "commitment", commitment.EVENT_TYPES, commitment.fold)
CONSULTATION = StreamKind("consultation", "cns", "consultation", consultation.EVENT_TYPES, consultation.fold)
#: One message the scheduler sends once (tracker.domain.notices.deliveries); its id is a digest of what it is.
DELIVERY = StreamKind("delivery", "dlv", "delivery", deliveries.TYPES, deliveries.fold)
#: A file uploaded for a forum (tracker.documents): `doc_<forum id's digits>_<sha256>` (see `document_stream`).
DOCUMENT = StreamKind("document", "doc", "document", document.EVENT_TYPES, document.fold)

#: Every kind of stream a fold reads.
STREAMS: tuple[StreamKind[Any], ...] = (FORUM, PLAN, SESSION, CONTRIBUTION, COMMITMENT, CONSULTATION, DELIVERY,
                                        DOCUMENT)

# -- what lives inside a stream, and people ----------------------------------------------------------

#: A member organization, and a representative, in their forum's stream.
ORGANIZATION = IdKind("organization", "org", "organization")
REPRESENTATIVE = IdKind("representative", "rep", "representative")
#: A publication, an endorsement and a judgement, in their plan's stream.
PUBLICATION = IdKind("publication", "pub", "publication")
ENDORSEMENT = IdKind("endorsement", "end", "endorsement")
JUDGEMENT = IdKind("judgement", "jdg", "judgement")
#: A person whose data is sealed under a key of their own: a member of the public who contributed
#: (`per_<contribution id>`), a guest of a session (`per_<session id>_<place>`).
PERSON = IdKind("person", "per", "person")

#: Every kind of id the server makes.
KINDS: tuple[IdKind, ...] = (*STREAMS, ORGANIZATION, REPRESENTATIVE, PUBLICATION, ENDORSEMENT, JUDGEMENT, PERSON)

_BY_PREFIX: dict[str, StreamKind[Any]] = {kind.prefix: kind for kind in STREAMS}
_BY_TYPE: dict[str, StreamKind[Any]] = {name: kind for kind in STREAMS for name in kind.types}
_ENDORSEMENT_ID = re.compile(rf"{ENDORSEMENT.prefix}_([A-Za-z0-9]{{1,64}})_([1-9][0-9]{{0,5}})")


def new_id(kind: IdKind) -> str:
    """An opaque id chosen by the server: the kind's prefix, `_`, then 20 random hex digits."""
    return kind.id_from(uuid.uuid4().hex[:20])


def kind_of(stream_id: str) -> StreamKind[Any] | None:
    """The kind of stream an id names, by its prefix (None when it names no kind of stream)."""
    prefix, underscore, _ = stream_id.partition("_")
    return _BY_PREFIX.get(prefix) if underscore else None


def kind_of_type(event_type: str) -> StreamKind[Any] | None:
    """The kind of stream whose events are of `event_type` (None for a type of no such kind: a person's
    forgetting, or a type no module declares)."""
    return _BY_TYPE.get(event_type)


def endorsement_id(plan_id: str, n: int) -> str:
    """The id of the plan's n-th endorsement: it names the plan, so no lookup table is needed."""
    return ENDORSEMENT.id_from(plan_id.removeprefix(PLAN.prefix + "_"), n)


def document_stream(forum_id: str, sha256: str) -> str:
    """The stream of a document in a forum's log: the same bytes uploaded for two forums are two streams, each
    in its forum's log."""
    return DOCUMENT.id_from(forum_id.removeprefix(FORUM.prefix + "_"), sha256)


def plan_of_endorsement(endorsement: str) -> str | None:
    """The plan an endorsement id names, or None when it is not an endorsement id."""
    match = _ENDORSEMENT_ID.fullmatch(endorsement)
    return PLAN.id_from(match.group(1)) if match else None
