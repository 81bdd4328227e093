"""The API's Blueprint: flask-smorest's, with a JSON parser that reads a body as strictly as docs/api.md says.

webargs parses with `json.loads`, which keeps the last of repeated keys, follows nesting until Python's own
recursion limit (RecursionError, not a JSON error) and raises a bare ValueError on an integer longer than Python
converts (4,300 digits). Here each of these is a `400` malformed body, with a sentence saying what is wrong,
instead of a silent choice, a `422` as if the body were empty, or a `500`.
"""
from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import flask
import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request

#: The deepest nesting of objects and lists a body may have; no schema of the API comes near it.
MAX_DEPTH = 64
#: The most digits a JSON integer may have: what Python converts (`sys.get_int_max_str_digits()`, 4,300).
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
#: At most this much of a repeated key is quoted back.
_QUOTED = 40


class MalformedBody(json.JSONDecodeError):
    """A body JSON's grammar allows but the API refuses as malformed; `reason` says why, as a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, "<body>", 0)
        self.reason = reason


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise MalformedBody(f"Duplicate key {json.dumps(key[:_QUOTED])} in a JSON object.")
            seen.add(key)
    return out


def _check_depth(value: Any) -> None:
    """Walks the parsed body level by level, without recursion: MalformedBody when it nests deeper than
    MAX_DEPTH."""
    level = [value] if isinstance(value, (dict, list)) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise MalformedBody(f"The body is nested more than {MAX_DEPTH} levels deep.")
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, (dict, list))]
        depth += 1


def parse_body(data: bytes) -> Any:
    """The JSON document in `data`: duplicate keys, integers over MAX_INT_DIGITS digits and nesting deeper
    than MAX_DEPTH raise MalformedBody; other malformed JSON raises json.JSONDecodeError (an empty body with
    an empty `doc`, which webargs reads as no body)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise json.JSONDecodeError(f"Bytes decoding error : {error.reason}", "<body>", error.start) from None
    try:
        value = json.loads(text, object_pairs_hook=_object)
    except RecursionError:
        raise MalformedBody(f"The body is nested more than {MAX_DEPTH} levels deep.") from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # the only other one json.loads raises: an integer longer than Python converts
        raise MalformedBody(f"A number in the body has more than {MAX_INT_DIGITS} digits.") from None
    _check_depth(value)
    return value


class TrackerParser(FlaskParser):
    """webargs' Flask parser; deep nesting, repeated keys and overlong integers are malformed JSON."""

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            return core.missing
        return parse_body(req.get_data(cache=True))

    def _handle_invalid_json_error(self, error: json.JSONDecodeError | UnicodeDecodeError, req: flask.Request,
                                   *args: Any, **kwargs: Any) -> NoReturn:
        if isinstance(error, MalformedBody):
            abort(400, exc=error, messages={"json": [error.reason]},
                  message=f"The request body is not valid JSON. {error.reason}")
        super()._handle_invalid_json_error(error, req, *args, **kwargs)


class Blueprint(flask_smorest.Blueprint):
    """Use this, not flask_smorest.Blueprint, for every API area."""

    ARGUMENTS_PARSER = TrackerParser()
