"""Dependencies point inward: events/ imports nothing of ours, projections/ only events/, Flask only in tracker/."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"events", "projections", "tracker", "config", "wsgi"}
ALLOWED = {"events": {"events"}, "projections": {"events", "projections"}}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_inner_packages_import_only_inward(package):
    offenders = {}
    for path in (ROOT / package).rglob("*.py"):
        roots = imported_roots(path)
        bad = (roots & OURS) - ALLOWED[package]
        if "flask" in roots or "flask_smorest" in roots:
            bad.add("flask")
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}
