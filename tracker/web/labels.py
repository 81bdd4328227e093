"""What the pages call the record's codes (sectors, kinds, answers, ...), in the page's language."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

SECTORS = {
    "government": _l("Government"), "civil_society": _l("Civil society"), "academia": _l("Academia"),
    "private_sector": _l("Private sector"), "youth": _l("Youth"), "media": _l("Media"), "other": _l("Other"),
}
SESSION_KINDS = {
    "forum_session": _l("Forum session"), "cocreation_workshop": _l("Co-creation workshop"),
    "public_hearing": _l("Public hearing"),
}
MODALITIES = {"in_person": _l("In person"), "virtual": _l("Virtual"), "hybrid": _l("Hybrid")}
PUBLICATION_KINDS = {
    "ogp_webpage": _l("OGP web page"), "repository": _l("Document repository"), "timeline": _l("Timeline"),
    "agenda": _l("Agenda"), "materials": _l("Materials"), "minutes": _l("Minutes"),
    "draft_action_plan": _l("Draft action plan"), "action_plan": _l("Action plan"),
    "feedback_report": _l("Feedback report"), "other": _l("Other"),
}
OGP_VALUES = {
    "transparency": _l("Transparency"), "civic_participation": _l("Civic participation"),
    "public_accountability": _l("Public accountability"),
    "technology_and_innovation": _l("Technology and innovation"),
}
ANSWERS = {
    "yes": _l("Yes"), "no": _l("No"), "unclear": _l("Unclear"),
    "very": _l("Very"), "somewhat": _l("Somewhat"), "not": _l("Not"),
}
DECISIONS = {
    "accepted": _l("Accepted"), "partially_accepted": _l("Partially accepted"), "merged": _l("Merged"),
    "rejected": _l("Rejected"), "out_of_scope": _l("Out of scope"),
}
CONTRIBUTION_STATUSES = {
    "received": _l("Received"), "considered": _l("Considered"), "responded": _l("Responded"),
    "communicated": _l("Communicated"),
}
ROLES = {"admin": _l("Administrator"), "secretariat": _l("Secretariat"), "evaluator": _l("Evaluator")}
CHANNELS = {
    "forum_session": _l("Forum session"), "workshop": _l("Workshop"), "public_consultation": _l("Public consultation"),
    "email": _l("Email"), "web_form": _l("Web form"), "other": _l("Other"),
}
#: The channels besides email a person may agree to be written to by.
MESSAGE_CHANNELS = {"whatsapp": _l("WhatsApp"), "sms": _l("SMS")}
COMMUNICATION_CHANNELS = {
    "email": _l("Email"), "letter": _l("Letter"), "published": _l("Published"), "in_session": _l("In a session"),
    "whatsapp": _l("WhatsApp"), "sms": _l("SMS"),
}
#: A milestone's status, as a progress report gives it.
PROGRESS_STATUSES = {
    "not_started": lazy_pgettext("progress", "Not started"), "in_progress": lazy_pgettext("progress", "In progress"),
    "completed": lazy_pgettext("progress", "Completed"), "delayed": lazy_pgettext("progress", "Delayed"),
    "cancelled": lazy_pgettext("progress", "Cancelled"),
}
#: A commitment's completion level, in the words of OGP's reviewers (tracker.queries.implementation).
COMPLETION_LEVELS = {
    "no_evidence": _l("No evidence available"), "not_started": lazy_pgettext("completion", "Not started"),
    "limited": _l("Limited"), "substantial": _l("Substantial"), "complete": _l("Complete"),
}
#: "Did it open government?", the IRM's scale of early results.
EARLY_RESULTS = {
    "worsened": _l("Worsened"), "did_not_change": _l("Did not change"), "marginal": _l("Marginal"),
    "major": _l("Major"), "outstanding": _l("Outstanding"),
}

#: Every table, by the name templates use: `label("sectors", org.sector)`.
TABLES = {
    "sectors": SECTORS, "session_kinds": SESSION_KINDS, "modalities": MODALITIES,
    "publication_kinds": PUBLICATION_KINDS, "ogp_values": OGP_VALUES, "answers": ANSWERS,
    "decisions": DECISIONS, "contribution_statuses": CONTRIBUTION_STATUSES, "roles": ROLES,
    "channels": CHANNELS, "communication_channels": COMMUNICATION_CHANNELS, "message_channels": MESSAGE_CHANNELS,
    "progress_statuses": PROGRESS_STATUSES, "completion_levels": COMPLETION_LEVELS, "early_results": EARLY_RESULTS,
}


def label(table: str, code: str | None) -> str:
    """The name of `code` in the page's language; the code itself when the table does not know it."""
    if code is None:
        return ""
    return str(TABLES[table].get(code, code))

#: What the forms call each field of the API's bodies, by the field's key (the last part of a dotted name, or
#: the whole name where that is clearer): the error summary and the refusals name a field by it, never by its key.
FIELD_LABELS = {
    "submitted_on": _l("Submitted on"), "file": _l("File"), "document.file": _l("File"),
    "text": _l("Text"), "received_on": _l("Received on"), "channel": _l("Channel"), "author": _l("Author"),
    "author.representative_id": _l("Representative"), "author.name": _l("Name of a member of the public"),
    "author.organization": _l("Their organization"), "author.sector": _l("Their sector"),
    "author.email": _l("Their email, for the written response"), "session_id": _l("Session"),
    "author.phone": _l("Their phone, for WhatsApp or SMS"), "author.opt_in": _l("Channels agreed to"),
    "opt_in": _l("Channels agreed to"), "opted_in": _l("Agreed"), "on": _l("On"),
    "country": _l("Country"),
    "commitment_id": _l("Commitment"), "consultation_id": _l("Consultation"),
    "considered_on": _l("Considered on"), "note": _l("Note"), "decision": _l("Decision"),
    "reasoning": _l("Reasoning"), "responded_on": _l("Responded on"), "communicated_on": _l("Communicated on"),
    "url": _l("Link"), "correction": _l("Reason for the correction"),
    "correction.reason": _l("Reason for the correction"), "title": _l("Title"), "kind": _l("Kind"),
    "scheduled_at": _l("Date and time"), "venue": _l("Venue"), "modality": _l("Modality"), "number": _l("Number"),
    "action_plan_id": _l("Action plan"), "agenda": _l("Agenda"), "announced_on": _l("Sent on"),
    "channels": _l("Channels"), "materials": _l("Materials"), "reason": _l("Reason"), "held_at": _l("Held at"),
    "attendance": _l("Representatives who attended"), "guests": _l("Guests"),
    "public_attendees": _l("Members of the public who attended"), "document": _l("Document"),
    "document.title": _l("Title of the document"), "document.url": _l("Link to the document"),
    "sha256": _l("SHA-256 of the file"), "approved_on": _l("Approved on"), "published_on": _l("Published on"),
    "signed_by": _l("Signed by"), "name": _l("Name"), "organization": _l("Organization"), "sector": _l("Sector"),
    "joined_on": _l("Joined on"), "left_on": _l("Left on"), "role": _l("Role"),
    "designated_on": _l("Designated on"), "email": _l("Email"), "phone": _l("Phone"), "gender": _l("Gender"),
    "is_minor": _l("Minor"), "guardian_consent": _l("Did a parent or guardian consent?"),
    "withdrawn_on": _l("Withdrawn on"), "endorsed_on": _l("Endorsed on"), "opens_on": _l("Opens on"),
    "closes_on": _l("Closes on"), "requested_by_contribution": _l("Contribution that asked for it"),
    "occurred_on": _l("Day it happened"), "occurred_at": _l("Time it happened"), "period_start": _l("Period start"),
    "period_end": _l("Period end"), "cocreation_starts_on": _l("Co-creation starts on"),
    "cocreation_ends_on": _l("Co-creation ends on"), "effective_on": _l("Effective on"), "policy": _l("Rules"),
    "password": _l("Password"), "milestone_id": _l("Milestone"), "status": _l("Status"),
    "reported_on": _l("Day of the report"), "summary": _l("Summary"), "evidence": _l("Evidence"),
    "reported_by_organization": _l("Reporting organization"),
    "presents_progress_of": _l("Commitments whose progress is presented"),
    "lead_representative_id": _l("Lead contact"),
    "progress_title": _l("Name of that agenda item"), "comments": _l("Comments collected"),
    "organization_id": _l("Organization"),
    "completion": _l("Completion"), "early_results": _l("Did it open government?"),
    "explanation": _l("Explanation"), "references": _l("References"), "recommendations": _l("Recommendations"),
}
#: Numbered rows of a form, by the list's key: "guests.2.name" is "Guest 3: Name".
ROW_LABELS = {"guests": _l("Guest %(n)d"), "materials": _l("Material %(n)d"), "agenda": _l("Agenda item %(n)d"),
              "attendance": _l("Attendee %(n)d"), "milestones": _l("Milestone %(n)d"),
              "comments": _l("Comment %(n)d")}


def field_label(key: str) -> str:
    """The label of the field named `key` ("held_at", "author.name", "guests.2.sector") in the page's language;
    a key no table knows is shown as a plain word ("a field"), never as itself."""
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    parts = key.split(".")
    if len(parts) == 2 and parts[0] == "early_results" and parts[1] in OGP_VALUES:
        return f"{FIELD_LABELS['early_results']} {OGP_VALUES[parts[1]]}"
    if len(parts) >= 2 and parts[1].isdigit():
        row = ROW_LABELS.get(parts[0])
        rest = ".".join(parts[2:])
        if parts[0] == "attendance":
            return str(FIELD_LABELS["attendance"])
        if row is not None:
            head = str(row) % {"n": int(parts[1]) + 1}
            return f"{head}: {field_label(rest)}" if rest else head
    if parts[-1] in FIELD_LABELS:
        return str(FIELD_LABELS[parts[-1]])
    return str(_l("A field"))


def field_anchor(key: str) -> str:
    """The id of the element on the page where the field named `key` is (for the error summary's links)."""
    parts = key.split(".")
    if parts[0] == "attendance" and (len(parts) == 1 or parts[1].isdigit()):
        return "attendance-roster"
    if parts[0] in ("agenda",):
        return "agenda"
    if key == "author":
        return "author.representative_id"
    if key == "correction":
        return "correction.reason"
    return key


#: 2.6's options say what they qualify ("Very" alone would not: "Very inclusive and diverse").
INCLUSIVENESS = {"very": _l("Very inclusive and diverse"), "somewhat": _l("Somewhat inclusive and diverse"),
                 "not": _l("Not inclusive and diverse")}


def check_number(check_id: str) -> str:
    """A check's number as people read it: OGP's own (1.1, 2.4, 3.2.1), or nothing for the standards the tracker
    adds (`S.cadence`, `S.alternates`...), which OGP does not number: their question names them (as in the
    report)."""
    return "" if check_id.startswith("S.") else check_id


def check_heading(check: dict[str, Any]) -> str:
    """A check's number and question ("2.4 · ¿El gobierno informó...?"), or its question alone for a standard."""
    number = check_number(check["id"])
    return f"{number} · {check['question']}" if number else check["question"]


def answer_words(check_id: str, code: str | None) -> str:
    """A check's answer as its question's options word it, in the page's language: section 3's options in the
    template's words (never their codes), 2.6's with what they qualify, the others as `label("answers", ...)`."""
    from flask_babel import get_locale

    from tracker.report.words import answer_label

    if code is None:
        return "—"
    if check_id == "2.6" and code in INCLUSIVENESS:
        return str(INCLUSIVENESS[code])
    if code in ANSWERS and not check_id.startswith("3."):
        return label("answers", code)
    lang = "es" if str(get_locale() or "en").startswith("es") else "en"
    return answer_label(check_id, code, lang)


#: A commitment's fields, as its page heads them (a revision's "fields changed" names them so).
COMMITMENT_FIELDS = {
    "title": _l("Title"), "problem": _l("Problem it addresses"), "description": _l("Description"),
    "ogp_values": _l("OGP values"), "lead_institution": _l("Lead institution"), "milestones": _l("Milestones"),
}


def commitment_field(key: str) -> str:
    """A commitment's field by its label in the page's language (a key no table knows: "a field")."""
    return str(COMMITMENT_FIELDS.get(key) or FIELD_LABELS.get(key) or _l("A field"))
