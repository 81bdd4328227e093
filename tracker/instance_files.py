"""Development secrets kept in the instance folder, so a restart keeps them (production sets them instead)."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def read_or_create(path: Path, make: Callable[[], str]) -> str:
    """The text kept at `path`, or a new one from `make()` written there (owner-only) on first use. When two
    processes race, both use the one written first; without a writable folder, a value for this process only."""
    try:
        return path.read_text().strip() or make()
    except FileNotFoundError:
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    except OSError:
        return value
    with os.fdopen(fd, "w") as f:
        f.write(value)
    return value
