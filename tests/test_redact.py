"""`esep export OUT DEST --redact-pii`: private persons and phones become keyed pseudonyms
everywhere they are printed; organisations and officials in office stay named; joins hold."""
from __future__ import annotations

import stat
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep.cli import main
from esep.paths import samples_dir
from esep.pipeline import ingest
from esep.redact import private_people, _rows
from esep.schemas.contract import TABLES
from esep.schemas.validate import validate_output


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pii") / "out"
    ingest([samples_dir()], out, isolate=False)
    return out


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("key") / "pii.key"


@pytest.fixture(scope="module")
def public(out, key, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("pub") / "public"
    assert main(["export", str(out), str(dest), "--redact-pii", "--key-file", str(key)]) == 0
    return dest


def table(folder: Path, name: str) -> list[dict]:
    return ds.dataset(folder / name, format="parquet").to_table().to_pylist()


def everything(folder: Path) -> str:
    return "\n".join(repr(row) for t in TABLES for row in table(folder, t))


def test_no_private_spelling_or_phone_is_left(out, public):
    private = {v for p in private_people(_rows(out, "people")) for v in p["variants"]}
    phones = {r[c] for t in ("recipients", "partners") for r in table(out, t)
              for c in ("phone", "phone_raw") if r[c]}
    assert "Айтбай Қанат Сәлімгерейұлы" in private and len(phones) > 1
    text = everything(public)
    assert [n for n in private if n in text] == [] and [p for p in phones if p in text] == []
    assert validate_output(public) == []


def test_organisations_and_the_signatory_stay_named(out, public):
    assert [r["name"] for r in table(public, "recipients")] == [r["name"] for r in table(out, "recipients")]
    assert "Диас Л." in {p["name_norm"] for p in table(public, "people")}  # signs in office


def test_one_person_one_pseudonym_in_every_table(public):
    people = {p["person_id"]: p for p in table(public, "people")}
    for r in table(public, "recipients"):
        assert r["leader"] == people[r["leader_person_id"]]["name_norm"]
        assert r["leader"].startswith("Person-") and r["phone"].startswith("tel-")
    leader = next(p for p in people.values() if p["roles"] == ["ngo_leader", "speaker"])
    speakers = {s for e in table(public, "events") for s in e["speakers"]}
    assert leader["name_norm"] in speakers


def test_the_key_makes_the_pseudonyms(out, public, key, tmp_path):
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again, other = tmp_path / "again", tmp_path / "other"
    main(["export", str(out), str(again), "--redact-pii", "--key-file", str(key)])
    main(["export", str(out), str(other), "--redact-pii", "--key-file", str(tmp_path / "new.key")])
    names = {f: sorted(p["name_norm"] for p in table(f, "people")) for f in (public, again, other)}
    assert names[public] == names[again] != names[other]


def test_export_refuses_a_folder_in_use(out, public, capsys, tmp_path):
    assert main(["export", str(out), str(public), "--redact-pii", "--key-file", str(tmp_path / "k")]) == 2
    assert capsys.readouterr().err == f"esep: error: {public} exists and is not an empty folder\n"
    assert not (tmp_path / "k").exists()  # refused before a key was made


def test_the_review_page_of_a_redacted_export_has_no_page_images(public, tmp_path):
    """A crop shows the source page, where the names are as printed: none in a redacted export."""
    from esep.review import write_review
    page = tmp_path / "review.html"
    stats = write_review(public, page)
    html = page.read_text(encoding="utf-8")
    assert stats.crops == 0 and "the output folder is redacted" in html
    assert "Айтбай Қанат Сәлімгерейұлы" not in html and "data:image/png" not in html
