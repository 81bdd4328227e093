"""What each role may do: the permission matrix of the API contract, as pure rules."""
from __future__ import annotations

import pytest

from tracker.auth import ANONYMOUS, Principal

GRANTED, OTHER = "forum-granted", "forum-other"

admin = Principal("u1", "admin@example.org", "admin", frozenset())
secretariat = Principal("u2", "sec@example.org", "secretariat", frozenset({GRANTED}))
secretariat_without_forums = Principal("u3", "sec2@example.org", "secretariat", frozenset())
evaluator = Principal("u4", "eval@example.org", "evaluator", frozenset({GRANTED}))
evaluator_of_all = Principal("u5", "eval2@example.org", "evaluator", frozenset())

#: principal -> (write granted, write other, read-full granted, read-full other,
#:               evaluate granted, evaluate other, administer)
MATRIX = [
    (admin, (True, True, True, True, True, True, True)),
    (secretariat, (True, False, True, False, False, False, False)),
    (secretariat_without_forums, (False, False, False, False, False, False, False)),
    (evaluator, (False, False, True, False, True, False, False)),
    (evaluator_of_all, (False, False, True, True, True, True, False)),
    (ANONYMOUS, (False, False, False, False, False, False, False)),
]


@pytest.mark.parametrize(("principal", "expected"), MATRIX, ids=lambda p: getattr(p, "email", None) or "")
def test_what_may_each_role_do_in_a_granted_and_in_another_forum(principal, expected):
    """Does each role get exactly the rights the contract gives it, in its own forums and in others?"""
    assert (
        principal.can_write_forum(GRANTED), principal.can_write_forum(OTHER),
        principal.can_read_full(GRANTED), principal.can_read_full(OTHER),
        principal.can_evaluate(GRANTED), principal.can_evaluate(OTHER),
        principal.can_administer(),
    ) == expected


def test_is_only_the_caller_without_credentials_anonymous():
    """Is ANONYMOUS anonymous, and is every user not, whatever their role?"""
    assert ANONYMOUS.is_anonymous
    assert ANONYMOUS.actor == "anonymous"
    assert not any(p.is_anonymous for p in (admin, secretariat, evaluator, evaluator_of_all))
    assert secretariat.actor == "sec@example.org"


def test_is_a_principal_immutable():
    """Can code holding a principal widen its rights after authentication? (It must not.)"""
    with pytest.raises(AttributeError):
        evaluator.role = "admin"  # type: ignore[misc]
