"""What a refused form says, in the page's language and by the field's label, never the API's English.

The API answers in English, with field keys ("held_at: 2026-12-15T10:00:00-05:00 is in the future; ..."): its
callers are programs. A page shows a person the same refusal in the page's language: `translate(message)`
matches each sentence the API can give (marshmallow's own messages, the contract's in `tracker/contract/` and
`tracker/domain/names.py`, the domain's refusals in `tracker/domain/`) against the table below and gives the
translated sentence, its dates and times written as the page writes them and its field keys replaced by the
fields' labels (`tracker.web.labels.field_label`). A sentence the table does not know becomes a plain one
("This value was not accepted."), so no English and no key ever reaches a Spanish page. The API's own text is
unchanged: this is the pages' reading of it (`tracker.web.actions.submit`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.web.formats import forum_time
from tracker.web.labels import field_label

_DAY = r"(?P<day>\d{4}-\d{2}-\d{2})"
_WHEN = r"(?P<when>\d{4}-\d{2}-\d{2}T[0-9:.]+(?:[+-]\d{2}:\d{2}|Z)?)"


def _day(text: str) -> str:
    try:
        return format_date(date.fromisoformat(text), "long", locale=get_locale())
    except ValueError:
        return text


def _when(text: str) -> str:
    try:
        return forum_time(datetime.fromisoformat(text))
    except ValueError:
        return text


#: How each named group of a pattern is written on the page.
_GROUPS: dict[str, Callable[[str], str]] = {
    "day": _day, "day2": _day, "when": _when, "field": lambda key: field_label(key),
}

#: (the API's sentence as a pattern, what the page says). Marshmallow's, then the contract's, then the domain's.
RULES: list[tuple[str, Any]] = [
    (r"the commitment already has this lead contact", _l("This person is already the commitment's lead contact.")),
    (r"the commitment has no lead contact to remove", _l("The commitment has no lead contact to remove.")),
    # marshmallow
    (r"Missing data for required field\.", _l("This field is required.")),
    (r"Field may not be null\.", _l("This field is required.")),
    (r"Not a valid email address\.", _l("Enter an email address such as name@example.org.")),
    (r"Not a valid URL\.", _l("Enter a web address that starts with https:// or http://.")),
    (r"Not a valid date\.", _l("Enter a date.")),
    (r"Not a valid (?:aware |naive )?datetime\.", _l("Enter a date and a time.")),
    (r"Not a valid integer\.", _l("Enter a whole number.")),
    (r"Not a valid (?:string|utf-8 string|list|boolean)\.|Invalid (?:input )?type\.|Invalid value\.",
     _l("This value was not accepted.")),
    (r"Unknown field\.", _l("This field is not part of the form.")),
    (r"Shorter than minimum length 1\.", _l("This field is required.")),
    (r"Shorter than minimum length (?P<min>\d+)\.", _l("Enter at least %(min)s characters.")),
    (r"Longer than maximum length (?P<max>\d+)\.", _l("Enter at most %(max)s characters.")),
    (r"Length must be between 1 and (?P<max>\d+)\.", _l("Enter between 1 and %(max)s characters, or items.")),
    (r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.",
     _l("Enter between %(min)s and %(max)s characters, or items.")),
    (r"Must be greater than or equal to (?P<min>-?\d+) and less than or equal to (?P<max>-?\d+)\.",
     _l("Enter a number from %(min)s to %(max)s.")),
    (r"Must be greater than or equal to (?P<min>-?\d+)\.", _l("Enter a number of at least %(min)s.")),
    (r"Must be less than or equal to (?P<max>-?\d+)\.", _l("Enter a number of at most %(max)s.")),
    (r"Must be one of: .*", _l("Choose one of the options offered.")),
    (r"check \S+ is answered with one of: .*", _l("Choose one of the answers this check takes.")),
    (r"String does not match expected pattern\.", _l("This value does not have the expected form.")),
    # the contract (tracker/contract/, tracker/domain/names.py)
    (r"must be 64 hex digits", _l("Enter the 64 hexadecimal digits of the SHA-256, or leave it empty.")),
    (r"must be between the years 1900 and 2200", _l("Enter a date between the years 1900 and 2200.")),
    (r"contains characters that are not text.*", _l("This text contains characters that are not text.")),
    (r"must be a single line: .*", _l("Write this on a single line.")),
    (r"contains a control character .*", _l("This text contains an invisible control character; remove it.")),
    (r"contains a bidirectional control character .*",
     _l("This text contains an invisible character that reorders the text; remove it.")),
    (r"must contain letters or digits.*", _l("Write some letters or digits.")),
    (r"give representative_id, or the name of a member of the public",
     _l("Pick a representative, or write the name of the member of the public who sent it.")),
    (r"a representative's name, organization and sector come from the roster; send representative_id alone",
     _l("A representative was picked: leave the member of the public's fields empty.")),
    (r"must not be blank: say why", _l("Write the reasoning.")),
    (r"each value may appear once|lists a value twice|(?P<value>\S+) is listed more than once",
     _l("A value is listed more than once.")),
    (r"a representative is named by representative_id alone",
     _l("A representative from the roster is ticked: leave the guest's fields empty.")),
    (r"required for a guest \(or give representative_id\)", _l("Required for a guest.")),
    (r"must not be before (?P<field>[a-z_]+)", _l("Must not be before “%(field)s”.")),
    (r"must be after (?P<field>[a-z_]+)", _l("Must be after “%(field)s”.")),
    (r"give occurred_on or occurred_at, not both", _l("Give the day or the time it happened, not both.")),
    (r"only an? .* publication names a session|only .* name a session",
     _l("Only an agenda, materials or minutes name a session.")),
    (r"Only a minor's designation records a guardian's consent\.|only for a minor",
     _l("Only for a minor: leave it empty otherwise.")),
    (r"a phone number of digits, spaces and \+ \( \) \. / -",
     _l("Enter a phone number with digits, spaces and + ( ) . / -.")),
    (r"not an IANA timezone such as America/Lima", _l("Choose a timezone such as America/Lima.")),
    (r"Amend at least one policy key, the meeting rule or the country\.|amend at least one policy key, the "
     r"meeting rule or the country", _l("Change at least one rule.")),
    (r"not a valid phone number of [A-Z]{2} \(or one with \+ and its country code\)",
     _l("This is not a valid phone number of the forum's country (or one with + and its country code).")),
    (r"not a valid phone number with \+ and its country code \(the forum has no country set\)",
     _l("Enter the phone number with + and its country code.")),
    (r"a phone with its country code \(or the forum's country\) is needed to be (?:written to|answered) by "
     r"WhatsApp or SMS", _l("WhatsApp and SMS need a phone number with its country code.")),
    (r".* has already agreed to be written to by \w+|already agreed for this channel",
     _l("This agreement was already recorded.")),
    (r".* has not agreed \(nothing to withdraw\) to be written to by \w+|not agreed \(nothing to withdraw\) for this "
     r"channel", _l("This person had not agreed to this channel: there is nothing to withdraw.")),
    (r"channel: .* has no phone on the roster that \w+ can reach.*|the representative has no phone with its country "
     r"code on the roster", _l("This person has no phone number with its country code on the roster.")),
    (r"not an ISO 3166-1 alpha-2 country code such as PE",
     _l("Enter a country as its two-letter code, such as PE.")),
    # a file chosen in a form (tracker/documents/store.py)
    (r"The file must be a PDF, an image .*|the file must be a PDF.*",
     _l("The file must be a PDF, an image (PNG, JPEG, GIF, WebP) or an office document (.docx, .xlsx, .pptx, .odt, "
        ".ods, .odp); its type is read from its content, not its name.")),
    (r"The file is [\d,]+ bytes; the largest accepted is (?P<limit>[\d,]+) bytes\.|at most (?P<most>[\d,]+) bytes",
     _l("The file is too large.")),
    (r"The file is empty\.|the file is empty", _l("The file is empty.")),
    (r"The document \S+ was withdrawn on .*; it can not be stored again\.|this file was withdrawn by an admin",
     _l("An administrator withdrew this file: it cannot be stored again.")),
    # the domain (tracker/domain/)
    (rf"{_DAY} is in the future; record facts once they happened",
     _l("%(day)s is after today: record facts once they have happened.")),
    (rf"{_WHEN} is in the future; record facts once they happened",
     _l("%(when)s has not come yet: record facts once they have happened.")),
    (r"an instant needs an offset.*", _l("Enter a date and a time.")),
    (r"the session was cancelled", _l("That session was cancelled.")),
    (rf"before the session was held on {_DAY}", _l("Before the session was held, on %(day)s.")),
    (rf"after the session was held on {_DAY}", _l("After the session was held, on %(day)s.")),
    (rf"before the consultation opened on {_DAY}", _l("Before the consultation opened, on %(day)s.")),
    (rf"before the contribution was received on {_DAY}", _l("Before the contribution was received, on %(day)s.")),
    (r"already considered in this session", _l("It was already considered in this session.")),
    (rf"after the response was communicated on {_DAY}",
     _l("After the response was communicated, on %(day)s: correct the communication first.")),
    (rf"before the response was given on {_DAY}", _l("Before the response was given, on %(day)s.")),
    (r"\S+ is not a representative of this forum", _l("Not a representative of this forum.")),
    (rf"\S+ was not a current representative on {_DAY}", _l("Was not a current representative on %(day)s.")),
    (rf"before the forum was established on {_DAY}", _l("Before the forum was established, on %(day)s.")),
    (r"already a member of this forum", _l("Already a member of this forum.")),
    (rf"before the organization joined on {_DAY}", _l("Before the organization joined, on %(day)s.")),
    (rf".+ was not a member on {_DAY}", _l("The organization was not a member on %(day)s.")),
    (rf"before the designation on {_DAY}", _l("Before the designation, on %(day)s.")),
    (rf"before co-creation started on {_DAY}", _l("Before co-creation started, on %(day)s.")),
    (rf"must be later than the current closing date {_DAY}",
     _l("Must be later than the current closing date, %(day)s.")),
    (r"it (?:was cancelled|was not held|has not been held).*", _l("That session was not held.")),
    (r"it .*", _l("That session cannot be named here.")),
    (r"nothing recorded yet \(.*\)", _l("Nothing is recorded yet: leave the reason for a correction empty.")),
    (r"required to replace what is already recorded",
     _l("This was already recorded: give the reason for the correction.")),
    (r"\S+ is not an action plan of this forum", _l("Not an action plan of this forum.")),
    (r"\S+ is not an? (?:organization|session|commitment|consultation|contribution) of this forum.*",
     _l("Not part of this forum.")),
    (r"the session is already scheduled at that time", _l("The session is already scheduled at that time.")),
    (rf"before the announcement of {_DAY}", _l("Before the announcement, on %(day)s.")),
    (rf"after the minutes were approved on {_DAY}", _l("After the minutes were approved, on %(day)s.")),
    (rf"{_DAY} is before the minutes were approved on (?P<day2>\d{{4}}-\d{{2}}-\d{{2}})",
     _l("Before the minutes were approved, on %(day2)s.")),
    (rf"before the commitment was drafted on {_DAY}", _l("Before the commitment was drafted, on %(day)s.")),
    (r"no milestone of this commitment has the id \S+", _l("Not a milestone of this commitment.")),
    (r"no publication of this plan nor document of this forum has the id \S+",
     _l("Not a publication of this plan nor a document of this forum.")),
    (r"no \w+ of this forum has the id \S+", _l("Not part of this forum.")),
    (r"completing needs evidence, or a reason why none can be published",
     _l("To mark it completed, attach the evidence or write why none can be published.")),
    (r"cancelling needs a reason \(the summary is not one\)",
     _l("To cancel it, write the reason (the summary is not one).")),
    (rf"before the plan's period starts on {_DAY}", _l("Before the plan's period starts, on %(day)s.")),
    # the domain's sentences about the whole form (no field)
    (r"a response was already recorded.*",
     _l("A response is already recorded: to change it, correct it with a reason.")),
    (r"no response to communicate.*", _l("Record the response before its communication.")),
    (r"nothing to correct.*", _l("There is nothing to correct yet.")),
    (r"a communication by \S+ on \S+ was already recorded.*",
     _l("This communication is already recorded: to change it, correct it with a reason.")),
    (r"the session was cancelled \(.*\); cannot .*", _l("The session was cancelled: nothing more can be recorded.")),
    (r"the session was already cancelled.*", _l("The session was already cancelled.")),
    (r"the session was held at .*; a held session cannot be cancelled", _l("A held session cannot be cancelled.")),
    (r"the session was already held at .*; it cannot be moved", _l("A held session cannot be moved.")),
    (r"the session has not been recorded as held.*", _l("Record the session as held before its minutes.")),
    (r".+ already has a primary representative.*",
     _l("The organization already has a primary representative: withdraw them first or designate an alternate.")),
    (r".+ already left the forum on .*", _l("The organization already left the forum.")),
    (r".+ was already withdrawn on .*", _l("This representative was already withdrawn.")),
    (r"the plan's endorsement .* still stands.*",
     _l("The plan's endorsement still stands: withdraw it before endorsing the plan again.")),
    (r"the endorsement .* was already withdrawn on .*", _l("This endorsement was already withdrawn.")),
    (r"(?:.*: )?already recorded; send a correction with a reason",
     _l("This was already recorded: give the reason for the correction.")),
    (rf"progress of .+ on {_DAY} was already reported; send a correction with a reason",
     _l("Progress on %(day)s was already reported: to change that report, give the reason for the correction.")),
    (r"the plan has no standing endorsement: a commitment is assessed at its end.*",
     _l("The plan has no standing endorsement: a commitment is assessed at its end once the plan is endorsed.")),
    (r"the endorsement \S+ does not hold this commitment.*",
     _l("The plan's endorsement does not include this commitment: it was drafted after it.")),
    (rf"the plan was endorsed on {_DAY}; its end assessment cannot precede it",
     _l("The plan was endorsed on %(day)s: the end assessment cannot be dated before.")),
    (rf"before the endorsement of {_DAY}", _l("Before the endorsement, on %(day)s.")),
    (r"not an OGP value of this commitment.*", _l("This is not an OGP value of this commitment.")),
    (r"not rated: every OGP value of the commitment is rated",
     _l("Rate this value: every OGP value of the commitment is rated.")),
    (r"must be one of: .*", _l("Choose one of the options offered.")),
    (r"an? (?:explanation|summary|response) is needed", _l("This field is required.")),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), text) for pattern, text in RULES]
#: What the page says of a sentence the table does not know.
UNKNOWN = _l("This value was not accepted.")
#: And of a refusal of the whole form it does not know.
REFUSED = _l("The record does not allow this. Nothing was recorded.")


def known(message: str) -> str | None:
    """`message` in the page's language, or None when the table does not know it."""
    for pattern, text in _COMPILED:
        match = pattern.fullmatch(message.strip())
        if match:
            values = {name: _GROUPS.get(name, str)(value) for name, value in match.groupdict().items()
                      if value is not None}
            return str(text) % values if values else str(text)
    return None


def translate(message: str) -> str:
    """One message beside a field, in the page's language (a plain sentence when unknown)."""
    return known(message) or str(UNKNOWN)


def translate_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every field's messages in the page's language (keys unchanged: they place the messages)."""
    return {key: [translate(m) for m in messages] for key, messages in errors.items()}


def refusal(message: str) -> str:
    """A refusal of the whole form (no field named) in the page's language. The API writes "field: sentence"
    for a field's refusal: the page names the field by its label."""
    found = known(message)
    if found:
        return found
    key, sep, rest = message.partition(": ")
    if sep and re.fullmatch(r"[a-z_][a-z0-9_.]*", key):
        return _("%(field)s: %(reason)s", field=field_label(key), reason=translate(rest))
    return str(REFUSED)

