"""The emails the scheduler sends, built as `EmailMessage`s in the forum's language.

Every message of one delivery carries the same Message-ID (`<delivery id@sender's domain>`), so a retried or
repeated delivery is recognizable as the same message by the receiving server and by the reader's client.

User text (session and plan titles, forum and people's names) reaches the headers only through `one_line`:
stored events are immutable, so a title recorded with a line break (before the API refused them) still exists,
and a line break in a header would either break the message or start a header of its own. Addresses are checked
to be one plain address each (`address`); one that is not makes the message uncomposable (ValueError). The
body is plain text only (no HTML part), so user text in it needs no escaping.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from tracker.calendar_feed import CalendarSession, forum_calendar, ics_bytes
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState
from tracker.domain.names import one_line
from tracker.domain.session import SessionState
from tracker.domain.time import zone
from tracker.mail.texts import day_text, language, say, when_text

EXCERPT = 600
#: How much of a contribution's text its receipt quotes back to its author.
RECEIPT_EXCERPT = 300
#: The names the public form stores for an author who gave none (in each language of the form): a receipt greets
#: them without a name.
_UNNAMED = frozenset({"Anonymous (web form)", "Anónimo (formulario web)"})

#: One address as the scheduler sends to it: a local part and a domain, no spaces, quotes, brackets, separators
#: or control characters (non-ASCII letters are allowed: the server must then offer SMTPUTF8).
_ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"\\]+@[^\s@<>()\[\],;:\"\\]+")


def address(text: str) -> str:
    """`text` if it is one plain email address; ValueError (without the address, which stays out of the log)
    otherwise."""
    if not _ADDRESS.fullmatch(text) or any(not c.isprintable() for c in text):
        raise ValueError("a recipient's stored email is not one plain email address")
    return text


def message_id(delivery_id: str, mail_from: str) -> str:
    """The Message-ID of every message of one delivery."""
    domain = mail_from.rpartition("@")[2] or "localhost"
    return f"<{delivery_id}@{domain}>"


def _set_subject(msg: EmailMessage, subject: str) -> None:
    """Set the Subject, made one line (each user value in it already was). A non-ASCII one is encoded here as
    RFC 2047 words of at most 76 characters a line: the `email` package's own folding of a long Spanish subject
    doubles a space before an encoded word (a reader sees "no tiene  sesión"), while `Header` splits inside the
    encoded words and decodes back exactly."""
    subject = one_line(subject)
    if subject.isascii():
        msg["Subject"] = subject
    else:
        msg.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def _message(forum: ForumState, delivery_id: str, mail_from: str, to: Sequence[str], subject: str,
             body: list[str], now: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = one_line(mail_from)
    msg["To"] = ", ".join(address(a) for a in to)
    _set_subject(msg, subject)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(delivery_id, mail_from)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to this
    footer = say(forum.language, "footer", forum=forum.name)
    msg.set_content("\n\n".join(body) + "\n\n-- \n" + footer + "\n")
    msg["Content-Language"] = language(forum.language)  # after set_content, which drops the Content-* headers
    return msg


def _agenda_and_materials(forum: ForumState, session: SessionState) -> list[str]:
    lang, parts = forum.language, []
    if session.agenda:
        parts.append("\n".join([say(lang, "agenda"), *(f"{i}. {item['title']}"
                                                        for i, item in enumerate(session.agenda, start=1))]))
    materials = (session.announcement or {}).get("materials") or []
    if materials:
        parts.append("\n".join([say(lang, "materials"), *(f"- {m['title']}: {m['url']}" for m in materials)]))
    return parts


def reminder(forum: ForumState, entry: CalendarSession, name: str, address: str, delivery_id: str,
             mail_from: str, now: datetime) -> EmailMessage:
    """A representative's reminder of a session: when, where, the agenda and the materials, and the session as
    an .ics invitation."""
    session, lang = entry.state, forum.language
    start = session.scheduled_at.astimezone(zone(forum.timezone))
    where = [say(lang, "reminder.where", venue=session.venue),
             say(lang, "reminder.modality", modality=say(lang, f"modality.{session.modality}"))]
    body = [say(lang, "reminder.greeting", name=name),
            "\n".join([say(lang, "reminder.intro", forum=forum.name), "", f"{session.title}",
                       say(lang, "reminder.when", when=when_text(start, lang)), *where]),
            *_agenda_and_materials(forum, session), say(lang, "reminder.attached")]
    subject = say(lang, "reminder.subject", title=one_line(session.title), day=day_text(start.date(), lang))
    msg = _message(forum, delivery_id, mail_from, [address], subject, body, now)
    ics = ics_bytes(forum_calendar(forum, [entry], method="PUBLISH"))
    msg.add_attachment(ics, maintype="text", subtype="calendar", filename=f"{session.id}.ics",
                       params={"method": "PUBLISH", "charset": "utf-8"})
    msg["Content-Language"] = language(lang)  # adding the attachment moved the Content-* headers to the text part
    return msg


def cadence_warning(forum: ForumState, period: tuple[date, date], addresses: Sequence[str], delivery_id: str,
                    mail_from: str, now: datetime) -> EmailMessage:
    """The secretariat's warning that the current period of the meeting rule has no session yet."""
    lang = forum.language
    start, end = (day_text(d, lang) for d in period)
    frequency = say(lang, f"frequency.{forum.meeting_rule.get('frequency', 'monthly')}")
    today = day_text(now.astimezone(zone(forum.timezone)).date(), lang)
    subject = say(lang, "warning.cadence.subject", forum=one_line(forum.name), start=start, end=end)
    body = [say(lang, "warning.cadence.body", forum=forum.name, frequency=frequency, today=today, start=start,
                end=end)]
    return _message(forum, delivery_id, mail_from, addresses, subject, body, now)


def minutes_warning(forum: ForumState, session: SessionState, addresses: Sequence[str], delivery_id: str,
                    mail_from: str, now: datetime) -> EmailMessage:
    """The secretariat's warning that a held session's minutes are still not recorded."""
    lang, tz = forum.language, zone(forum.timezone)
    held = session.held_at.astimezone(tz).date() if session.held_at else now.astimezone(tz).date()
    days = (now.astimezone(tz).date() - held).days
    day = day_text(held, lang)
    subject = say(lang, "warning.minutes.subject", title=one_line(session.title), day=day)
    body = [say(lang, "warning.minutes.body", title=session.title, forum=forum.name, day=day, days=days)]
    return _message(forum, delivery_id, mail_from, addresses, subject, body, now)


def feedback(forum: ForumState, contribution: ContributionState, plan_title: str, name: str | None, address: str,
             delivery_id: str, mail_from: str, now: datetime) -> EmailMessage:
    """The contributor's written feedback: their contribution, the forum's decision and its reasoning."""
    lang, response = forum.language, contribution.response
    assert response is not None
    text = contribution.text if len(contribution.text) <= EXCERPT else contribution.text[:EXCERPT] + "…"
    quoted = "\n".join(f"> {line}" for line in text.splitlines() or [""])
    greeting = say(lang, "feedback.greeting", name=name) if name else say(lang, "feedback.greeting_anonymous")
    body = [greeting,
            "\n".join([say(lang, "feedback.intro", forum=forum.name,
                           received=day_text(contribution.received_on, lang)), "", quoted]),
            say(lang, "feedback.decision", decision=say(lang, f"decision.{response.decision}")),
            "\n".join([say(lang, "feedback.reasoning"), response.reasoning]),
            say(lang, "feedback.closing")]
    subject = say(lang, "feedback.subject", plan=one_line(plan_title))
    return _message(forum, delivery_id, mail_from, [address], subject, body, now)


def receipt(forum: ForumState, contribution: ContributionState, plan_title: str, reference: str, name: str | None,
            address: str, response_days: int, by_email: bool, delivery_id: str, mail_from: str,
            now: datetime) -> EmailMessage:
    """A member of the public's acknowledgement of their contribution: its reference, what they sent (its first
    RECEIPT_EXCERPT characters), and by when the forum answers (`response_days` after the day it was received).
    Nothing of anyone else: not the forum's people, not other contributions."""
    lang = forum.language
    text = contribution.text
    text = text if len(text) <= RECEIPT_EXCERPT else text[:RECEIPT_EXCERPT].rstrip() + "…"
    quoted = "\n".join(f"> {line}" for line in text.splitlines() or [""])
    named = name and one_line(name).strip() and one_line(name).strip() not in _UNNAMED
    greeting = say(lang, "receipt.greeting", name=one_line(name or "").strip()) if named else \
        say(lang, "receipt.greeting_anonymous")
    by = day_text(contribution.received_on + timedelta(days=response_days), lang)
    next_steps = [say(lang, "receipt.deadline", days=response_days, by=by)]
    if by_email:
        next_steps.append(say(lang, "receipt.by_email"))
    body = [greeting,
            "\n".join([say(lang, "receipt.intro", forum=forum.name,
                           received=day_text(contribution.received_on, lang)), "", quoted]),
            "\n".join([say(lang, "receipt.reference", reference=reference), say(lang, "receipt.reference_use")]),
            " ".join(next_steps),
            say(lang, "receipt.closing")]
    subject = say(lang, "receipt.subject", plan=one_line(plan_title), reference=reference)
    return _message(forum, delivery_id, mail_from, [address], subject, body, now)


def milestone_reminder(forum: ForumState, commitment_title: str, plan_title: str, milestone: Mapping[str, Any],
                       name: str, address: str, delivery_id: str, mail_from: str, now: datetime) -> EmailMessage:
    """A commitment's lead contact's reminder of a milestone due soon: the commitment, the milestone and its
    deliverable, the due day, and what to do (report progress to the secretariat)."""
    lang = forum.language
    day = day_text(milestone["due_on"], lang)
    what = [f"{milestone['title']}"]
    if milestone.get("deliverable"):
        what.append(say(lang, "milestone.deliverable", deliverable=milestone["deliverable"]))
    what.append(say(lang, "milestone.due", day=day))
    body = [say(lang, "lead.greeting", name=name),
            "\n".join([say(lang, "milestone.intro", commitment=commitment_title, plan=plan_title), "", *what]),
            say(lang, "milestone.todo", forum=forum.name)]
    subject = say(lang, "milestone.subject", milestone=one_line(milestone["title"]), day=day)
    return _message(forum, delivery_id, mail_from, [address], subject, body, now)


def report_reminder(forum: ForumState, commitment_title: str, plan_title: str, quarter: tuple[date, date],
                    name: str, address: str, delivery_id: str, mail_from: str, now: datetime) -> EmailMessage:
    """A commitment's lead contact's reminder that no progress of the commitment was reported in a quarter: the
    commitment, the quarter's first and last day, and what to do (report progress to the secretariat)."""
    lang = forum.language
    start, end = (day_text(d, lang) for d in quarter)
    body = [say(lang, "lead.greeting", name=name),
            say(lang, "report.intro", commitment=commitment_title, plan=plan_title, start=start, end=end),
            say(lang, "report.todo", forum=forum.name)]
    subject = say(lang, "report.subject", commitment=one_line(commitment_title))
    return _message(forum, delivery_id, mail_from, [address], subject, body, now)
