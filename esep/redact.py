"""A copy of an output folder with private persons pseudonymised (`esep export --redact-pii`).

Who is private: every person of the `people` table none of whose roles is an
office (`OFFICIAL_ROLES`: the signatory of an operator's report acts in
office and stays named). NGO leaders, partners' leaders and event speakers
are private. Organisations are never redacted, nor places, dates or amounts.

How: each private person gets a pseudonym ``Person-<10 hex>``, an HMAC-SHA256
of their `person_id` under a secret key, so the same person has the same
pseudonym in every table and in every export made with the same key (joins
across tables and years still work), and nobody without the key can test a
guessed name against it. Every spelling of the person (`people.variants`) is
replaced wherever it is printed: name columns, `evidence`, `raw`, finding
messages. Phones of recipients and partners become ``tel-<8 hex>`` (keyed
the same way, by the number), in their columns and in evidence.

What it does not do: names of private persons that esep did not recognise as
names (a participant quoted in a sentence, a name inside a project title) stay
as printed; the source files are untouched; `_internal` (the mentions a later
run needs) is not exported at all. The export is for sharing, not for further
`esep ingest` runs: keep OUT as the master.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from esep.schemas.contract import TABLES

OFFICIAL_ROLES = frozenset({"signatory"})
PHONE_COLUMNS = ("phone", "phone_raw")
KEY_BYTES = 32


@dataclass(frozen=True)
class Redaction:
    """What one export replaces: printed spellings and phones, each with its pseudonym."""

    names: dict[str, str]  # spelling -> Person-xxxx
    person_ids: dict[str, str]  # person_id -> Person-xxxx
    phones: dict[str, str]  # phone as printed or E.164 -> tel-xxxx

    def pattern(self) -> re.Pattern[str] | None:
        """One alternation of every spelling and phone, longest first (a full name before its surname)."""
        keys = sorted({*self.names, *self.phones}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys))) if keys else None


def load_key(path: Path) -> bytes:
    """The secret key in ``path``; a new random one is written there (mode 600) when it does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(KEY_BYTES) + "\n")
    return bytes.fromhex(path.read_text().strip())


def pseudonym(key: bytes, kind: str, value: str) -> str:
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"Person-{digest[:10]}" if kind == "person" else f"tel-{digest[:8]}"


def _rows(out: Path, table: str) -> pa.Table | None:
    import pyarrow.dataset as ds
    path = out / table
    return ds.dataset(path, format="parquet", partitioning="hive").to_table() if path.is_dir() else None


def private_people(people: pa.Table | None) -> list[dict]:
    """People rows none of whose roles is an office."""
    rows = people.to_pylist() if people is not None else []
    return [p for p in rows if not OFFICIAL_ROLES & set(p.get("roles") or [])]


def _phones(out: Path, key: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for table in ("recipients", "partners"):
        data = _rows(out, table)
        for row in data.to_pylist() if data is not None else []:
            e164, raw = row.get("phone"), row.get("phone_raw")
            basis = e164 or (re.sub(r"\D", "", raw) if raw else None)
            if basis:
                alias = pseudonym(key, "phone", basis)
                found.update({v: alias for v in (e164, raw) if v})
    return found


def plan_redaction(out: Path, key: bytes) -> Redaction:
    """Every spelling of every private person, and every phone, with its keyed pseudonym."""
    names, ids = {}, {}
    for person in private_people(_rows(out, "people")):
        alias = pseudonym(key, "person", person["person_id"])
        ids[person["person_id"]] = alias
        names.update({v: alias for v in person.get("variants") or [] if v and len(v) > 2})
    return Redaction(names, ids, _phones(out, key))


def _scrub(value: object, rx: re.Pattern[str], table: dict[str, str]) -> object:
    if isinstance(value, str):
        return rx.sub(lambda m: table[m.group(0)], value)
    if isinstance(value, list):
        return [_scrub(v, rx, table) for v in value]
    return value


def redact_table(name: str, data: pa.Table, r: Redaction) -> pa.Table:
    """The table with every private spelling and phone replaced, its schema kept."""
    rx, table = r.pattern(), {**r.names, **r.phones}
    rows = data.to_pylist()
    if rx is not None:
        rows = [{k: _scrub(v, rx, table) for k, v in row.items()} for row in rows]
    if name == "people":
        for row in rows:
            if row["person_id"] in r.person_ids:
                row["name_norm"] = r.person_ids[row["person_id"]]
                row["variants"] = [r.person_ids[row["person_id"]]]
    return pa.Table.from_pylist(rows, schema=data.schema)


def export(out: Path, dest: Path, key: bytes | None) -> Redaction:
    """DEST: OUT's contract tables and manifest, private persons pseudonymised when a
    ``key`` is given; written to a temporary sibling and renamed into place (DEST is never
    half-written)."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise FileExistsError(f"{dest} exists and is not an empty folder")
    r = plan_redaction(out, key) if key is not None else Redaction({}, {}, {})
    tmp = dest.parent / f".{dest.name}.tmp-{secrets.token_hex(4)}"
    try:
        for table in TABLES:
            data = _rows(out, table)
            if data is not None:
                (tmp / table).mkdir(parents=True)
                pq.write_table(redact_table(table, data, r), tmp / table / "part-0.parquet", compression="zstd")
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        if key is not None:
            manifest["redacted"] = {"people": len(r.person_ids), "phones": len(set(r.phones.values())),
                                    "key_id": hmac.new(key, b"key-id", hashlib.sha256).hexdigest()[:8]}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        os.rename(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return r
