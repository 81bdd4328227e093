"""Phone numbers as the record keeps them: E.164 (`+51976543210`), read from what a person typed and the forum's
country ("976 543 210" in a Peruvian forum), with Google's libphonenumber rules (`phonenumbers`).

A forum without a country (established before it was asked, and not amended since) cannot read a number without its
country code: such a number is kept as typed, as it always was, and cannot be written to by WhatsApp or SMS until it
is given again with + and its country code or the forum's country is set (`reachable`)."""
from __future__ import annotations

import phonenumbers

from tracker.domain.errors import InvalidField


def is_country(code: str) -> bool:
    """Is `code` an ISO 3166-1 alpha-2 country (or territory) with phone numbers, e.g. PE?"""
    return code.isascii() and code.isupper() and code in phonenumbers.SUPPORTED_REGIONS


def as_recorded(text: str, country: str | None, field_name: str = "phone") -> str:
    """The number as a designation records it: in E.164 (`e164`), except a number without + in a forum without a
    country, kept as typed."""
    if country is None and not text.lstrip().startswith("+"):
        return text
    return e164(text, country, field_name)


def reachable(text: str | None, country: str | None) -> str | None:
    """The number in E.164 to send a message to, or None when the recorded text is not a valid number (one typed
    without its country code in a forum without a country, or a stored number no longer valid)."""
    if not text:
        return None
    try:
        return e164(text, country)
    except InvalidField:
        return None


def e164(text: str, country: str | None, field_name: str = "phone") -> str:
    """The number `text` in E.164, read as a number of `country` unless it starts with + and its country code.

    InvalidField (422) on `field_name` when it is not a valid number (of that country, or of any country when the
    forum has none)."""
    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        where = (f"a valid phone number of {country} (or one with + and its country code)" if country
                 else "a valid phone number with + and its country code (the forum has no country set)")
        raise InvalidField(field_name, f"not {where}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
