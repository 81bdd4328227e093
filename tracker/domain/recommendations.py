"""Recommendations as items with ids: what the evaluator recommended on a plan, where, and what the next plan
answered.

An evaluator recommends in three places: the assessment of a commitment's design (the inception report's 3.n.5,
`CommitmentAssessed.recommendations`, one text), the end-of-commitment assessment (`CommitmentEndAssessed`, one
text per recommendation) and the final assessment of the plan (`PlanFinalAssessed`, likewise). Each standing
recommendation is an item whose id is derived from where it was made and its words, so it needs no event of its own
and stays the same across rebuilds and corrections that keep the words: `rec_` and the first 16 hex digits of the
SHA-256 of the source, the commitment's or plan's id and the text with its spaces collapsed. A correction that
rewords a recommendation makes a new item (the old one is no longer standing).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.commitment import CommitmentState
from tracker.domain.plan import PlanState

#: Where a recommendation was made.
INCEPTION, END_OF_COMMITMENT, FINAL = "inception", "end_of_commitment", "final"
SOURCES = (INCEPTION, END_OF_COMMITMENT, FINAL)
PREFIX = "rec"


@dataclass(frozen=True)
class Recommendation:
    """A standing recommendation: its id, where it was made (`source`, and the plan and commitment it is about) and
    its text."""

    id: str
    source: str
    action_plan_id: str
    commitment_id: str | None
    text: str


def recommendation_id(source: str, about_id: str, text: str) -> str:
    """The id of the recommendation `text` made in `source` about the commitment or plan `about_id`."""
    words = " ".join(text.split())
    digest = hashlib.sha256(f"{source}\n{about_id}\n{words}".encode()).hexdigest()
    return f"{PREFIX}_{digest[:16]}"


def is_recommendation_id(some_id: str) -> bool:
    """Is `some_id` shaped like a recommendation's id?"""
    head, _, digits = some_id.partition("_")
    return head == PREFIX and len(digits) == 16 and all(c in "0123456789abcdef" for c in digits)


def _item(source: str, plan_id: str, commitment_id: str | None, text: str) -> Recommendation:
    return Recommendation(recommendation_id(source, commitment_id or plan_id, text), source, plan_id, commitment_id,
                          " ".join(text.split()))


def recommendations_of(plan: PlanState, commitments: Iterable[CommitmentState]) -> list[Recommendation]:
    """The plan's standing recommendations, in order: each commitment's (its design assessment's, then its
    end-of-commitment assessment's), then the final assessment's. The same words twice in one place are one item."""
    found: dict[str, Recommendation] = {}

    def add(item: Recommendation) -> None:
        found.setdefault(item.id, item)

    for c in commitments:
        design = c.assessment
        if design is not None and design.recommendations and design.recommendations.strip():
            add(_item(INCEPTION, plan.id, c.id, design.recommendations))
        end = c.end_assessment
        for text in end.recommendations if end is not None else ():
            add(_item(END_OF_COMMITMENT, plan.id, c.id, text))
    final = plan.final_assessment
    for text in final.recommendations if final is not None else ():
        add(_item(FINAL, plan.id, None, text))
    return list(found.values())
