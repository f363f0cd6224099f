"""The command's messages in Kazakh and Russian: `--lang`, or the locale."""
from __future__ import annotations

from pathlib import Path

import pytest

from esep.cli import main
from esep.say import locale_lang, say

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "kk_KZ.UTF-8"}, "kk"), ({"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ"}, "ru"),
    ({"LC_MESSAGES": "ru_RU"}, "ru"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"), ({"LANG": "de_DE"}, "en"),
])
def test_the_locale_picks_the_language(env, lang):
    assert locale_lang(env) == lang


@pytest.fixture(scope="module")
def seed_batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    (folder / "seed_kk.txt").write_bytes((FIXTURES / "seed_kk.txt").read_bytes())
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def test_ingest_speaks_kazakh(seed_batch, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(seed_batch), "--out", str(out), "--lang", "kk", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert f"esep: оқылмады: {seed_batch / 'empty.pdf'}: file is empty" in captured.err.splitlines()
    lines = captured.out.splitlines()
    assert lines[0] == "құжаттар: 2 (дұрыс 1, ішінара 0, оқылмады 1); бұрын енгізілген 0 құжат өткізілді"
    assert lines[2] == "қаржы: 10 000 000.00 KZT, 2 грант"
    assert lines[-1] == f"нәтиже: {out} (барлығы 2 құжат)"


def test_the_locale_speaks_russian(seed_batch, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    out = tmp_path / "out"
    main(["ingest", str(seed_batch), "--out", str(out), "--jobs", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["документы: 2 (готово 1, частично 0, не прочитано 1); пропущено уже загруженных: 0",
                         "договоры: 2", "средства: 10 000 000.00 KZT, грантов: 2"]
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out == "контракт данных: проблем 0 в 13 таблицах\n"
    assert main(["validate", str(tmp_path / "nowhere"), "--lang", "kk"]) == 2
    assert capsys.readouterr().err == f"esep: қате: not a folder: {tmp_path / 'nowhere'}\n"


def test_every_language_has_every_message():
    from esep.labels import load
    messages = load("cli")
    for lang in ("kk", "ru"):
        assert set(messages[lang]) == set(messages["en"]), lang
        assert say("interrupted", lang) != say("interrupted", "en")
