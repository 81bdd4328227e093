"""The API's Blueprint: flask-smorest's, with a JSON parser that refuses bodies nested too deeply.

webargs parses with `json.loads`, which raises RecursionError (not a JSON error) on a body such as
`{"a": {"a": ...}}` two thousand levels deep; that would be a 500. Here it is a 400 like any other
malformed body.
"""
from __future__ import annotations

import json
from typing import Any

import flask
import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request


class TrackerParser(FlaskParser):
    """webargs' Flask parser; deep nesting is malformed JSON."""

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            return core.missing
        try:
            return core.parse_json(req.get_data(cache=True))
        except RecursionError:
            raise json.JSONDecodeError("the body is nested too deeply", "", 0) from None


class Blueprint(flask_smorest.Blueprint):
    """Use this, not flask_smorest.Blueprint, for every API area."""

    ARGUMENTS_PARSER = TrackerParser()
