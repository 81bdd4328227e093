"""A roster sheet: one row per representative. An organization the forum does not have joins (the API's
`POST /forums/{id}/organizations`), one it has is matched by name (accents, case and spaces aside); then the
representative is designated (`POST .../representatives`)."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from tracker.commands import forums
from tracker.contract.forums import OrganizationCreateSchema, RepresentativeCreateSchema
from tracker.domain.errors import DomainError
from tracker.domain.forum import ForumState, Organization
from tracker.domain.vocabulary import SECTORS
from tracker.imports import ContextFor, Line, Options, Staging, problems_of, required
from tracker.imports.columns import day, plain, word
from tracker.imports.sheets import Problem, Row, Sheet, said

#: The commands' fields to the sheet's columns.
ORGANIZATION_FIELDS = {"name": "organization", "sector": "sector", "joined_on": "joined_on"}
REPRESENTATIVE_FIELDS = {"name": "representative", "role": "role", "designated_on": "designated_on",
                         "email": "email", "phone": "phone", "gender": "gender", "is_minor": "minor",
                         "guardian_consent": "guardian_consent"}
#: Columns holding a word of a vocabulary, by the vocabulary's table in tracker/imports/columns.py.
WORD_COLUMNS = {"sector": "sector", "role": "role", "gender": "gender", "minor": "yes_no",
                "guardian_consent": "yes_no"}


def find_organization(forum: ForumState, name: str) -> Organization | None:
    """The forum's organization of that name (accents, case and spaces aside), a current one first."""
    wanted = plain(name)
    found = [o for o in forum.organizations.values() if plain(o.name) == wanted]
    found.sort(key=lambda o: o.left_on is not None)
    return found[0] if found else None


def read_values(row: Row, sheet: Sheet) -> tuple[dict[str, str], list[Problem]]:
    """The row's values, words turned into the record's codes and days into ISO days, and what could not be."""
    values, problems = dict(row.values), []
    for key, table in WORD_COLUMNS.items():
        if key in values:
            code = word(table, values[key])
            if code is None:
                problems.append(said(row.number, sheet.column(key), "unknown_word", what=key.replace("_", " "),
                                     value=values[key]))
            else:
                values[key] = code
    for key in ("joined_on", "designated_on"):
        if key in values:
            iso = day(values[key])
            if iso is None:
                problems.append(said(row.number, sheet.column(key), "not_a_date", value=values[key]))
            else:
                values[key] = iso
    return values, problems


def stage(sheet: Sheet, options: Options, context: ContextFor) -> Staging:
    """Stage each row's joining (when new) and designation; a problem per value the record refuses."""
    staging = Staging()
    refused: set[str] = set()  # new organizations (made plain) whose rows have problems
    for row in sheet.rows:
        ctx = context(row.number)
        forum, _ = forums.load_forum(ctx, options.forum_id)
        problems = required(row, sheet, ("organization", "representative", "role", "designated_on"))
        values, wrong = read_values(row, sheet)
        problems += wrong
        org = find_organization(forum, values["organization"]) if values.get("organization") else None
        if org is None and plain(values.get("organization", "")) in refused:
            # an earlier row joins it once its own problems are corrected: check only this row's representative
            staging.problems += problems or _checked(row, sheet, values)
            continue
        if org is None:
            problems += required(row, sheet, ("sector", "joined_on")) if values.get("organization") else []
        elif values.get("sector") in SECTORS and values["sector"] != org.sector:
            problems.append(said(row.number, sheet.column("sector"), "other_sector", organization=org.name,
                                 sector=org.sector))
        if org is not None and values.get("representative"):
            wanted = plain(values["representative"])
            if any(r.organization_id == org.id and r.withdrawn_on is None and plain(r.name) == wanted
                   for r in forum.representatives.values()):
                problems.append(said(row.number, sheet.column("representative"), "duplicate_representative",
                                     name=values["representative"], organization=org.name))
        if problems:
            staging.problems += problems
            if org is None and values.get("organization"):
                refused.add(plain(values["organization"]))
            continue
        found = _record(ctx, row, sheet, options.forum_id, org, values, staging)
        if found and org is None:
            refused.add(plain(values["organization"]))
        staging.problems += found
    return staging


def _representative(values: dict[str, str]) -> dict[str, Any]:
    """The API body of the row's designation."""
    return {k: values[c] for k, c in REPRESENTATIVE_FIELDS.items() if c in values}


def _checked(row: Row, sheet: Sheet, values: dict[str, str]) -> list[Problem]:
    """The problems the API's schema finds in the row's designation (for an organization not joined yet)."""
    try:
        RepresentativeCreateSchema().load(_representative(values))
    except ValidationError as exc:
        return problems_of(exc, row.number, sheet, REPRESENTATIVE_FIELDS)
    return []


def _record(ctx: Any, row: Row, sheet: Sheet, forum_id: str, org: Organization | None, values: dict[str, str],
            staging: Staging) -> list[Problem]:
    """Join the organization (when new) and designate the representative, on the staged store."""
    says = []
    fields = ORGANIZATION_FIELDS
    try:
        if org is None:
            body = {"name": values["organization"], "sector": values["sector"], "joined_on": values["joined_on"]}
            org_id = forums.join_organization(ctx, forum_id, OrganizationCreateSchema().load(body)).id
            says.append(f"'{values['organization']}' joins the forum ({values['sector']}, {values['joined_on']})")
        else:
            org_id = org.id
        fields = REPRESENTATIVE_FIELDS
        forums.designate_representative(ctx, forum_id, org_id, RepresentativeCreateSchema().load(
            _representative(values)))
    except (ValidationError, DomainError) as exc:
        return problems_of(exc, row.number, sheet, fields)
    name = values["organization"] if org is None else org.name
    says.append(f"{values['representative']} designated {values['role']} of '{name}' on {values['designated_on']}")
    facts = {"organization": name, "new": "yes" if org is None else "",
             "sector": values["sector"] if org is None else org.sector, "representative": values["representative"],
             "role": values["role"], "designated_on": values["designated_on"]}
    staging.lines.append(Line(row.number, "; ".join(says), facts))
    return []
