"""The `tracker users` and `tracker tokens` commands. They never prompt unless a person is at the terminal."""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

import click
from flask.cli import AppGroup

from tracker import extension
from tracker.auth import service
from tracker.auth.errors import AuthError
from tracker.auth.principal import ROLES
from tracker.bootstrap import Services
from tracker.database import upgrade

users = AppGroup("users", help="People who sign in to the pages or call the API, and their roles.")
tokens = AppGroup("tokens", help="API tokens: made here, shown once, stored only as hashes.")


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _services() -> Services:
    """The application's parts, on a schema brought up to date (so a fresh SQLite database works)."""
    services = extension.services()
    upgrade(services.engine)
    return services


def _refusals_exit_1(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the service's refusals into a message on stderr and exit code 1, never a traceback."""
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AuthError as exc:
            _fail(str(exc))
    return wrapper


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, metavar="ROLE", help=f"One of: {', '.join(ROLES)}.")
@click.option("--forum", "forums", multiple=True, metavar="ID",
              help="A forum granted to the user (repeatable). An evaluator granted none reads every forum.")
@click.option("--name", default=None, help="The person's name.")
@click.option("--organization", default=None,
              help="The person's organization (an evaluator's is named beside them in the inception report).")
@click.option("--language", default=None, metavar="LANG",
              help=f"The pages' language for this user: {', '.join(service.LANGUAGES)} (default: the forum's, "
                   "then the browser's; the user can change it on any page).")
@_refusals_exit_1
def users_create(email: str, role: str, forums: tuple[str, ...], name: str | None, organization: str | None,
                 language: str | None) -> None:
    """Create a user with ROLE (never prompts) and print their id."""
    services = _services()
    click.echo(service.create_user(services.engine, services.clock, email, role, forums, name, language,
                                   organization))


def _read_password() -> str:
    stdin = click.open_file("-")  # the stream get_text_stream("stdin") gave (deprecated since Click 8.5)
    if stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = stdin.readline()
    if not line:
        _fail("no password on standard input")
    return line.rstrip("\r\n")


@users.command("password")
@click.argument("email")
@_refusals_exit_1
def users_password(email: str) -> None:
    """Set the password EMAIL signs in to the pages with, read from the first line of standard input; every
    page session of theirs ends (they sign in again, on every device)."""
    services = _services()
    service.get_user(services.engine, email)  # an unknown email fails before anyone types a password
    service.set_password(services.engine, services.passwords, email, _read_password())
    click.echo(f"password set for {service.normalize_email(email)}")


@users.command("deactivate")
@click.argument("email")
@_refusals_exit_1
def users_deactivate(email: str) -> None:
    """Deactivate EMAIL: they can no longer sign in, every page session of theirs ends, and every token of theirs
    is revoked."""
    services = _services()
    revoked = service.deactivate_user(services.engine, services.clock, email)
    click.echo(f"deactivated {service.normalize_email(email)}; revoked {revoked} token(s)")


@tokens.command("create")
@click.argument("email")
@click.option("--expires", "expires_days", type=int, default=None, metavar="DAYS",
              help="Days until the token expires (default: never; revoke it instead).")
@_refusals_exit_1
def tokens_create(email: str, expires_days: int | None) -> None:
    """Make an API token for EMAIL and print it, alone on the last line; it is never shown again."""
    services = _services()
    token = service.create_token(services.engine, services.clock, email, expires_days)
    lifetime = "never expires" if expires_days is None else f"expires in {expires_days} day(s)"
    click.echo(f"token for {service.normalize_email(email)} ({lifetime}); shown once, store it now:")
    click.echo(token)


@tokens.command("revoke")
@click.argument("email")
@_refusals_exit_1
def tokens_revoke(email: str) -> None:
    """Revoke every token of EMAIL still in force."""
    services = _services()
    revoked = service.revoke_tokens(services.engine, services.clock, email)
    click.echo(f"revoked {revoked} token(s) of {service.normalize_email(email)}")
