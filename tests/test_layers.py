"""Dependencies point inward. Each package may import only what its layer allows (relative imports resolved, every
import counted, at module level or inside a function); the adapters (`tracker.api`, JSON; `tracker.web`, HTML)
never import each other; `events/` reads no setting from the environment; only `events/` touches the tables of
the log and of the person keys.

The rules the code does not keep yet are written here all the same, each marked as a known debt with
`xfail(strict=True)`: the day the code keeps one, its test passes, strict xfail fails the run, and the mark must
go. docs/architecture.md ("Known debts") says why each is still there.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("events", "projections", "tracker", "config", "wsgi")
#: Libraries of the web adapters: none of them below `tracker.api` and `tracker.web`.
WEB = ("flask", "flask_smorest", "flask_login", "flask_wtf", "flask_babel", "flask_limiter", "werkzeug",
       "marshmallow", "webargs", "apispec", "wtforms", "jinja2")


def modules(package: str) -> Iterator[tuple[str, Path]]:
    """Every module of `package` (a dotted name under the project's root) with its dotted name."""
    folder = ROOT.joinpath(*package.split("."))
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path


def imports(name: str, source: str, is_package: bool = False) -> set[str]:
    """The dotted names module `name` (of text `source`) imports, anywhere in it, relative imports resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}  # `from tracker import web`
    return found


def offenders(package: str, forbidden) -> dict[str, list[str]]:
    """For each module of `package`, the names it imports that `forbidden(name)` refuses."""
    out = {}
    for name, path in modules(package):
        bad = sorted({i for i in imports(name, path.read_text(), path.name == "__init__.py") if forbidden(i)})
        if bad:
            out[name] = bad
    return out


def under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_relative_imports_are_resolved():
    """The checker sees `from ..api import x` in tracker/web/pages.py as tracker.api, and `from . import y` in a
    package's __init__ as that package."""
    found = imports("tracker.web.pages", "from ..api import schemas\nfrom . import labels\n")
    assert {"tracker.api", "tracker.api.schemas", "tracker.web", "tracker.web.labels"} <= found
    assert "tracker.web.pages" in imports("tracker.web", "from . import pages\n", is_package=True)


def test_events_imports_nothing_of_ours_and_no_web_library():
    assert offenders("events", lambda i: under(i, *OURS, *WEB) and not under(i, "events")) == {}


def test_projections_imports_only_events():
    assert offenders("projections",
                     lambda i: under(i, *OURS, *WEB) and not under(i, "events", "projections")) == {}


def test_the_domain_imports_no_web_library_and_no_database():
    assert offenders("tracker.domain", lambda i: under(i, *WEB, "sqlalchemy", "tracker.api", "tracker.web")) == {}


def test_the_compliance_answers_import_no_web_library_and_no_adapter():
    assert offenders("tracker.compliance", lambda i: under(i, *WEB, "tracker.api", "tracker.web")) == {}


def test_the_api_never_imports_the_pages():
    assert offenders("tracker.api", lambda i: under(i, "tracker.web")) == {}


def test_the_pages_never_import_the_api():
    assert offenders("tracker.web", lambda i: under(i, "tracker.api")) == {}


def test_the_demo_goes_through_the_core_not_an_adapter():
    assert offenders("tracker.demo", lambda i: under(i, "tracker.api", "tracker.web")) == {}


@pytest.mark.parametrize("package", ["tracker.contract", "tracker.queries", "tracker.domain"])
def test_what_both_adapters_share_imports_neither_adapter(package):
    """The command contract (schemas), the presenters and the domain (with its vocabularies) sit below both
    adapters: they import neither the JSON API nor the pages."""
    assert offenders(package, lambda i: under(i, "tracker.api", "tracker.web")) == {}


def test_the_contract_is_marshmallow_without_flask():
    assert offenders("tracker.contract", lambda i: under(i, *WEB) and not under(i, "marshmallow")) == {}


def not_for_the_reads(name: str) -> bool:
    """What `tracker.queries` may not import: a web library, SQL, an adapter (or any module that serves a
    request or a command) and `tracker.extension`, where the adapters take the application's `Services`."""
    return under(name, *WEB, "sqlalchemy", "tracker.extension") or is_adapter(name)


def test_the_reads_are_plain_python_below_both_adapters():
    """The read side, in one place: the presenters both adapters share and the pages' own reads (`*_pages`,
    `audit_log`, `page_charts`, `reminder_status`) get `services` by argument from the view that calls them, and
    import no web library, no SQL, neither adapter and not `tracker.extension`."""
    assert offenders("tracker.queries", not_for_the_reads) == {}


def test_the_reads_rule_refuses_what_it_should():
    assert all(map(not_for_the_reads, ["flask", "werkzeug.exceptions", "jinja2", "marshmallow", "flask_babel",
                                       "sqlalchemy.orm", "tracker.api", "tracker.api.schemas", "tracker.web",
                                       "tracker.web.i18n", "tracker.web.labels", "tracker.extension",
                                       "tracker.http", "tracker.auth.web"]))
    assert not any(map(not_for_the_reads, ["tracker.bootstrap", "tracker.domain.forum", "tracker.read_models",
                                           "tracker.queries.plans", "tracker.compliance", "tracker.charts",
                                           "events", "tracker.published_heads"]))


def is_adapter(name: str) -> bool:
    """The modules that serve a request or a command, and so may take the application's `Services` from
    `tracker.extension`: the JSON API, the pages (their reads are in `tracker.queries`), the request's command
    context, the bearer-token hook and the CLI modules."""
    return (under(name, "tracker.api", "tracker.web", "tracker.http", "tracker.auth.web", "tracker.cli",
                  "tracker.projections_cli")
            or name.endswith(".cli"))


def mentions_current_app(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id == "current_app":
            return True
        if isinstance(node, ast.Attribute) and node.attr == "current_app":
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                alias.name.split(".")[-1] == "current_app" for alias in node.names):
            return True
    return False


def test_no_module_imports_a_service_locator():
    """The composition root's `Services` hang on the application (`tracker.extension`); only the adapters take
    them from there, and hand the rest of the code what it needs as arguments."""
    import tracker

    assert not hasattr(tracker, "services_of")
    assert {package: found for package in ("events", "projections", "tracker", "tests", "bench", "docs")
            if (found := offenders(package, lambda i: i == "tracker.services_of"))} == {}
    # the app factory (`tracker`, create_app) attaches them; the adapters read them back
    assert {name: bad for name, bad in offenders("tracker", lambda i: under(i, "tracker.extension")).items()
            if not (name == "tracker" or is_adapter(name))} == {}
    ours = [*modules("events"), *modules("projections"), *modules("tracker"),
            *((name, ROOT / f"{name}.py") for name in ("config", "wsgi"))]
    assert sorted(name for name, path in ours if mentions_current_app(path.read_text())
                  and not (name == "tracker.extension" or is_adapter(name))) == []


def test_the_adapters_are_told_from_the_rest():
    assert all(map(is_adapter, ["tracker.api.events", "tracker.web", "tracker.web.pages", "tracker.web.links",
                                "tracker.http", "tracker.auth.web", "tracker.cli", "tracker.projections_cli",
                                "tracker.people.cli", "tracker.scheduler.cli"]))
    assert not any(map(is_adapter, ["tracker", "tracker.queries.forum_pages", "tracker.queries.page_charts",
                                    "tracker.queries.reminder_status", "tracker.auth.service", "tracker.queries.plans",
                                    "tracker.scheduler", "tracker.people.directory", "tracker.extension"]))


def test_events_reads_no_setting_from_the_environment():
    """Settings reach the store as arguments from the composition root, never from os.environ inside events/."""
    readers = {}
    for name, path in modules("events"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                readers.setdefault(name, []).append(node.lineno)
    assert readers == {}


def test_only_events_touches_the_log_and_person_key_tables():
    """The tables of the log and of the person keys (events.schema) are read and written through events/ only;
    the migrations that create them are the exception."""
    outside = offenders("projections", lambda i: under(i, "events.schema"))
    outside |= {name: bad for name, bad in offenders("tracker", lambda i: under(i, "events.schema")).items()
                if not under(name, "tracker.migrations")}
    assert outside == {}
