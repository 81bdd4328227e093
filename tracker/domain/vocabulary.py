"""The record's vocabularies: every closed list of codes a command accepts, defined once.

The command contract (`tracker/contract/`) offers them as choices, the OpenAPI document as enums, the pages as
form options and the compliance answers count by them. Order matters where people see it (forms, the OpenAPI
enums): a tuple's order is the order shown. Plain Python: no marshmallow, no Flask.
"""
from __future__ import annotations

# -- forums and their rosters ------------------------------------------------------------------------------

#: The sector of a member organization (or of a guest, or of a member of the public who contributes).
SECTORS = ("government", "civil_society", "academia", "private_sector", "youth", "media", "other")
#: The role a representative is designated to: each organization has one primary and may have alternates.
REPRESENTATIVE_ROLES = ("primary", "alternate")
#: A representative's gender, when recorded.
GENDERS = ("female", "male", "other", "undisclosed")
#: How often a forum must meet: each frequency with its period in months.
FREQUENCIES: dict[str, int] = {"monthly": 1, "bimonthly": 2, "quarterly": 3, "semiannual": 6}
#: The channels besides email a representative or a member of the public may agree to be written to by (reminders,
#: feedback): WhatsApp and SMS, each reaching a phone.
MESSAGE_CHANNELS = ("whatsapp", "sms")
#: The languages of a forum, of a user's pages and of the mails, Spanish first.
LANGUAGES = ("es", "en")

# -- sessions ----------------------------------------------------------------------------------------------

SESSION_KINDS = ("forum_session", "cocreation_workshop", "public_hearing")
MODALITIES = ("in_person", "virtual", "hybrid")
#: How a session's invitation and materials were sent.
ANNOUNCEMENT_CHANNELS = ("email", "phone", "web", "whatsapp", "letter", "in_person", "other")

# -- contributions and consultations -----------------------------------------------------------------------

#: How a contribution reached the forum; also how a public consultation collects them.
CONTRIBUTION_CHANNELS = ("forum_session", "workshop", "public_consultation", "email", "web_form", "other")
#: The forum's answer to a contribution.
DECISIONS = ("accepted", "partially_accepted", "merged", "rejected", "out_of_scope")
#: How the answer was communicated to the contributor (`whatsapp` and `sms`: sent by the scheduler, or by hand).
COMMUNICATION_CHANNELS = ("email", "letter", "published", "in_session", "whatsapp", "sms")
#: The furthest stage a contribution reached, in the order it reaches them.
CONTRIBUTION_STATUSES = ("received", "considered", "responded", "communicated")

# -- action plans, commitments and their evaluation --------------------------------------------------------

#: What a plan publishes: the forum's pages and repository, a session's documents, the plan's drafts.
PUBLICATION_KINDS = ("ogp_webpage", "repository", "timeline", "agenda", "materials", "minutes",
                     "draft_action_plan", "action_plan", "feedback_report", "other")
#: The publications that belong to one session.
SESSION_PUBLICATIONS = ("agenda", "materials", "minutes")
OGP_VALUES = ("transparency", "civic_participation", "public_accountability", "technology_and_innovation")
#: The answer to a yes-no question: a check of the inception report, an assessment's verifiability and relevance.
ANSWERS = ("yes", "no", "unclear")
#: The answer to check 2.6: how inclusive the forum is.
INCLUSIVENESS = ("very", "somewhat", "not")
COMMITMENT_TYPES = ("new_regulation_policy_practice", "continuation_of_ongoing_practice")
POTENTIALS = ("binding_or_institutionalized", "positive_change_not_binding", "unclear")
#: A commitment's completion, the way OGP's reviewers name it (computed from progress, and the evaluator's rating in
#: the end-of-commitment assessment): no evidence available, not started, limited, substantial, complete.
COMPLETION_LEVELS = ("no_evidence", "not_started", "limited", "substantial", "complete")
#: The IRM's early results, "did it open government?", per OGP value in the end-of-commitment assessment.
EARLY_RESULTS = ("worsened", "did_not_change", "marginal", "major", "outstanding")
#: The formats of the inception report.
REPORT_FORMATS = ("html", "md", "json", "pdf", "docx")
#: Why an answer is judged at its `as_of` (tracker.compliance.snapshot).
AS_OF_REASONS = ("asked", "submission", "window_end", "now")
