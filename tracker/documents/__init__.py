"""Documents uploaded to the tracker (minutes, materials, resolutions, publications): stored in the database by the
SHA-256 the server computes (`store`), their arrival and withdrawal in the forum's log, and their backup
(`backup`, `tracker documents export|import`).

`accepts_files` marks a view whose requests may carry a file: for those alone the request body may be as large as
TRACKER_MAX_UPLOAD_BYTES (plus a little for the form's other fields) instead of MAX_CONTENT_LENGTH's 1 MiB. The
limit is raised by an application-wide hook (tracker/api/documents.py) that runs before the CSRF check reads the
form.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: What a multipart body may carry besides the file: the form's fields and the parts' headers.
FORM_ALLOWANCE = 1024 * 1024


def accepts_files(view: F) -> F:
    """Mark `view` as one whose requests may carry an uploaded file (see the module's docstring)."""
    view.accepts_files = True  # type: ignore[attr-defined]
    return view


def body_limit(max_upload_bytes: int) -> int:
    """The largest request body a view marked with `accepts_files` reads."""
    return max_upload_bytes + FORM_ALLOWANCE
