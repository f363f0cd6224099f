"""The stages import one way: no two of esep's packages import each other at module level
(the brief's two knots: normalize.orgs <-> normalize.places, pipeline <-> audit)."""
from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ESEP = Path(__file__).resolve().parent.parent / "esep"


def unit(module: str) -> str:
    """A package's unit of layering: ``esep.pipeline``, ``esep.audit``; a normalizer is its own
    (``esep.normalize.orgs``), as are top-level modules (``esep.link``)."""
    parts = module.split(".")
    return ".".join(parts[:3] if parts[:2] == ["esep", "normalize"] else parts[:2])


def module_imports(path: Path) -> list[str]:
    """The esep modules a file imports at its top level (not under TYPE_CHECKING, not in a function)."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("esep"):
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("esep")]
    return out


def import_graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in ESEP.rglob("*.py"):
        module = ".".join(path.relative_to(ESEP.parent).with_suffix("").parts).removesuffix(".__init__")
        for target in module_imports(path):
            if unit(module) != unit(target):
                edges[unit(module)].add(unit(target))
    return edges


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo += edges.get(node, ())
    return False


def test_no_two_packages_import_each_other():
    edges = import_graph()
    assert "esep.audit" in edges["esep.pipeline"]  # the pipeline runs the audit ...
    cycles = sorted((a, b) for a in edges for b in edges[a] if reaches(edges, b, a))
    assert cycles == []  # ... and nothing it imports comes back


def test_the_audit_command_reads_out_without_the_pipeline():
    code = ("import sys, esep.audit.report; "
            "print(sorted(m for m in sys.modules if m.startswith('esep.pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "[]"
