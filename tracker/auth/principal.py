"""Who is asking, and what their role lets them do: pure rules, no database, no Flask."""
from __future__ import annotations

from dataclasses import dataclass, field

ADMIN = "admin"
SECRETARIAT = "secretariat"
EVALUATOR = "evaluator"
#: Every role a user may hold.
ROLES: tuple[str, ...] = (ADMIN, SECRETARIAT, EVALUATOR)


@dataclass(frozen=True)
class Principal:
    """The caller of a request or command.

    `forums` holds the forums the user was granted. An evaluator granted none reads every forum;
    a secretariat granted none writes none.
    """

    user_id: str | None
    email: str | None
    role: str | None
    forums: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        """True for a caller who sent no credentials (a property, not a method)."""
        return self.user_id is None

    @property
    def actor(self) -> str:
        """The name to record as the author of what this caller writes."""
        return self.email or "anonymous"

    def can_write_forum(self, forum_id: str) -> bool:
        """May this caller write the forum's record? Admins always; a secretariat only its granted forums."""
        if self.role == ADMIN:
            return True
        return self.role == SECRETARIAT and forum_id in self.forums

    def can_read_full(self, forum_id: str) -> bool:
        """May this caller read the forum in full (emails, phones, minors, authors)?

        Admins always; a secretariat its granted forums; an evaluator its granted forums, or every
        forum when granted none; anonymous callers never (they read the public record only).
        """
        if self.role == ADMIN:
            return True
        if self.role == SECRETARIAT:
            return forum_id in self.forums
        if self.role == EVALUATOR:
            return not self.forums or forum_id in self.forums
        return False

    def can_evaluate(self, forum_id: str) -> bool:
        """May this caller record assessments and judgements for the forum? Admins, and evaluators who read it."""
        if self.role == ADMIN:
            return True
        return self.role == EVALUATOR and self.can_read_full(forum_id)

    def can_administer(self) -> bool:
        """May this caller create forums, users and tokens? Admins only."""
        return self.role == ADMIN


#: The caller who sent no credentials.
ANONYMOUS = Principal(user_id=None, email=None, role=None, forums=frozenset())
