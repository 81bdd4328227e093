"""What the pages call the record's codes (sectors, kinds, answers, ...), in the page's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
COMMUNICATION_CHANNELS = {
    "email": _l("Email"), "letter": _l("Letter"), "published": _l("Published"), "in_session": _l("In a session"),
}

#: Every table, by the name templates use: `label("sectors", org.sector)`.
TABLES = {
    "sectors": SECTORS, "session_kinds": SESSION_KINDS, "modalities": MODALITIES,
    "publication_kinds": PUBLICATION_KINDS, "ogp_values": OGP_VALUES, "answers": ANSWERS,
    "decisions": DECISIONS, "contribution_statuses": CONTRIBUTION_STATUSES, "roles": ROLES,
    "channels": CHANNELS, "communication_channels": COMMUNICATION_CHANNELS,
}


def label(table: str, code: str | None) -> str:
    """The name of `code` in the page's language; the code itself when the table does not know it."""
    if code is None:
        return ""
    return str(TABLES[table].get(code, code))
