"""Finding messages from templates (data/labels/messages.toml), in any language kept there."""
from __future__ import annotations

import json

from esep.labels import load


def render(key: str, params: dict[str, object], lang: str = "en") -> str:
    """The message of a finding kind in ``lang``, falling back to English."""
    templates = load("messages")
    template = templates.get(lang, {}).get(key) or templates["en"][key]
    return template.format(**params)


def render_finding(key: str | None, params_json: str | None, fallback: str, lang: str) -> str:
    """A stored finding's message in ``lang`` (its English text when no template applies)."""
    if not key or not params_json:
        return fallback
    return render(key, json.loads(params_json), lang)
