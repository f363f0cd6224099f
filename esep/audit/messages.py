"""Finding messages from templates (data/labels/messages.toml), in any language kept there.

Some params hold English words (``what = grant``, ``dimension = gender``,
``where = contract row 2``, the ``(male)`` categories inside ``parts``); for
another language, ``[<lang>.terms]`` translates them before the template is
filled. A terms key may end in `` {n}`` to match a number (``contract row {n}``).

A finding built on a value OCR read doubtfully carries an ``ocr`` param (the
words and their confidence, "0О0 → 000 (41%)"): its message is the rule's
message inside the ``ocr_doubt`` template of the same language.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from esep.labels import load

CATEGORY = re.compile(r"\(([a-z_]+)\)")


@lru_cache(maxsize=None)
def _numbered(lang: str) -> list[tuple[re.Pattern[str], str]]:
    terms = load("messages").get(lang, {}).get("terms", {})
    return [(re.compile(re.escape(k[:-len(" {n}")]) + r" (\d+)"), v)
            for k, v in terms.items() if k.endswith(" {n}")]


def translate(value: str, lang: str) -> str:
    """One param value with its English words in ``lang`` (unchanged when none are known)."""
    terms = load("messages").get(lang, {}).get("terms", {})
    if not terms:
        return value
    if value in terms:
        return terms[value]
    for rx, target in _numbered(lang):
        m = rx.fullmatch(value)
        if m:
            return target.format(n=m.group(1))
    return CATEGORY.sub(lambda m: f"({terms.get(m.group(1), m.group(1))})", value)


def render(key: str, params: dict[str, object], lang: str = "en") -> str:
    """The message of a finding kind in ``lang``, falling back to English."""
    templates = load("messages")
    template = templates.get(lang, {}).get(key)
    if template is None:
        template, lang = templates["en"][key], "en"
    if lang != "en":
        params = {k: translate(v, lang) if isinstance(v, str) and k != "ocr" else v for k, v in params.items()}
    message = template.format(**params)
    if "ocr" in params:
        message = templates[lang]["ocr_doubt"].format(message=message, ocr=params["ocr"])
    return message


def render_finding(key: str | None, params_json: str | None, fallback: str, lang: str) -> str:
    """A stored finding's message in ``lang`` (its English text when no template applies)."""
    if not key or not params_json:
        return fallback
    return render(key, json.loads(params_json), lang)
