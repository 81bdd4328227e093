"""The short messages of the scheduler's deliveries by WhatsApp and SMS, built from the record in the forum's
language (the templates' bodies are in `tracker.messaging.texts`)."""
from __future__ import annotations

from tracker.domain.forum import ForumState
from tracker.domain.session import SessionState
from tracker.domain.time import zone
from tracker.mail.texts import language
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
