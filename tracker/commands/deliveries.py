"""What the channels' providers report, recorded: a sent message delivered, read or failed (webhooks)."""
from __future__ import annotations

from datetime import datetime

from events import NewEvent
from tracker.commands.base import Context, Decision, Outcome, execute, load_stream
from tracker.domain.notices import deliveries as protocol
from tracker.domain.streams import DELIVERY


def report_status(ctx: Context, delivery_id: str, status: str, at: datetime, provider: str,
                  error: str | None) -> Outcome | None:
    """Record a provider's report of the message of `delivery_id`; None when there is nothing new to record (not
    sent by a channel, or the same status already the last reported)."""
    def decide() -> tuple[list[NewEvent], int, str]:
        state, version, tenant = load_stream(ctx.store, DELIVERY, delivery_id)
        return protocol.status_reported(state, status, at, provider, error, ctx.now), version, tenant

    if not decide()[0]:
        return None

    def attempt() -> Decision:
        events, version, tenant = decide()
        return Decision(delivery_id, tenant, version, events)

    return execute(ctx, attempt)
