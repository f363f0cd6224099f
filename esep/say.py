"""The command line's messages in English, Kazakh or Russian (data/labels/cli.toml).

The language is `--lang` when given, else the locale's (LC_ALL, LC_MESSAGES,
LANG, as POSIX reads them: the first one set wins), else English.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Mapping

from esep.labels import load

LANGS = ("en", "kk", "ru")


def locale_lang(env: Mapping[str, str] = os.environ) -> str:
    """kk or ru from the locale (``kk_KZ.UTF-8``, ``ru_RU``), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGS else "en"
    return "en"


def pick_lang(given: str | None) -> str:
    return given or locale_lang()


@lru_cache(maxsize=None)
def _messages() -> dict[str, Any]:
    return load("cli")


def say(key: str, lang: str = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` (English where the language lacks it)."""
    table = _messages().get(lang, {})
    template = table.get(key)
    if template is None:
        template = _messages()["en"][key]
    return template.format(**params)


def severity(name: str, lang: str) -> str:
    return _messages().get(lang, {}).get("severities", {}).get(name) or name
