"""The short messages of the scheduler's deliveries by WhatsApp and SMS, built from the record in the forum's
language (the templates' bodies are in `tracker.messaging.texts`)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from babel.dates import format_date

from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState
from tracker.domain.session import SessionState
from tracker.domain.time import zone
from tracker.mail.texts import language, say
from tracker.messaging import ShortMessage
from tracker.messaging.texts import NO_LINK, parameter, short_when, sms


def session_link(site_url: str | None, forum: ForumState, session_id: str) -> str | None:
    """Where the session is on its forum's public page, when the site's address is configured."""
    return f"{site_url}/forums/{forum.id}#session-{session_id}" if site_url else None


def reminder(forum: ForumState, session: SessionState, name: str, phone: str, link: str | None) -> ShortMessage:
    """A representative's reminder of a session: the session's title, the forum, the day and time (forum time),
    the venue and, when there is one, the link to it."""
    lang = language(forum.language)
    start = session.scheduled_at.astimezone(zone(forum.timezone))
    values = tuple(parameter(v) for v in (name, session.title, forum.name, short_when(start, lang), session.venue,
                                          link or NO_LINK[lang]))
    # An SMS shortens the title, the forum's name and the venue before anything else.
    return ShortMessage(phone, "reminder", lang, values, sms("reminder", lang, values, shorten=(1, 2, 4, 0)))


def contribution_link(site_url: str | None, forum: ForumState, contribution_id: str) -> str | None:
    """The contribution's public page, when the site's address is configured."""
    return f"{site_url}/forums/{forum.id}/contributions/{contribution_id}" if site_url else None


def feedback(forum: ForumState, contribution: ContributionState, reference: str, name: str | None, phone: str,
             link: str | None) -> ShortMessage:
    """A contributor's feedback: the forum answered their contribution (its reference), the decision, and where to
    read the reasoning (its public page), or to ask the secretariat."""
    lang = language(forum.language)
    assert contribution.response is not None
    decision = say(lang, f"decision.{contribution.response.decision}")
    greeting = name or ("participante" if lang == "es" else "participant")
    values = tuple(parameter(v) for v in (greeting, forum.name, reference, decision, link or NO_LINK[lang]))
    return ShortMessage(phone, "feedback", lang, values, sms("feedback", lang, values, shorten=(1, 0)))


def milestone(forum: ForumState, commitment_title: str, milestone: Mapping[str, Any], name: str,
              phone: str) -> ShortMessage:
    """A lead contact's reminder of a milestone due soon: the milestone, the commitment, the due day."""
    lang = language(forum.language)
    due_on: date = milestone["due_on"]
    day = format_date(due_on, "EEE d MMM yyyy", locale=lang)
    values = tuple(parameter(v) for v in (name, milestone["title"], commitment_title, day, forum.name))
    return ShortMessage(phone, "milestone", lang, values, sms("milestone", lang, values, shorten=(2, 1, 4, 0)))


def report(forum: ForumState, commitment_title: str, quarter: tuple[date, date], name: str,
           phone: str) -> ShortMessage:
    """A lead contact's reminder that no progress of the commitment was reported in a quarter: its first and last
    day."""
    lang = language(forum.language)
    start, end = (format_date(d, "d MMM yyyy", locale=lang) for d in quarter)
    values = tuple(parameter(v) for v in (name, commitment_title, start, end, forum.name))
    return ShortMessage(phone, "report", lang, values, sms("report", lang, values, shorten=(1, 4, 0)))
