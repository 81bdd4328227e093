"""A schema's refusals as both adapters report them: one list of messages per dotted field name."""
from __future__ import annotations

from typing import Any


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested marshmallow messages as {"a.b.0.c": [messages]}; body-level ones under "_body"."""
    if isinstance(messages, dict):
        out: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = "_body" if key == "_schema" else str(key)
            out.update(flatten(value, f"{prefix}.{name}" if prefix else name))
        return out
    if isinstance(messages, (list, tuple)) and all(isinstance(m, str) for m in messages):
        return {prefix or "_body": [str(m) for m in messages]}
    return {prefix or "_body": [str(messages)]}
