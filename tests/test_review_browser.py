"""The review page in headless Chromium: it loads without a script or console error,
shows every finding of the seed (its PDF and DOCX), filters by the address, and
leaves a screenshot in $ESEP_CI_ARTEFACTS (tests/artefacts/ when unset).

Skipped when no chromium is installed (.ci/run installs Debian's)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from esep.review import write_review
from tests.review_seed import findings_table, seed_out

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]
ARTEFACTS = Path(os.environ.get("ESEP_CI_ARTEFACTS") or Path(__file__).resolve().parent / "artefacts")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("browser")
    out = seed_out(tmp)
    page = tmp / "review.html"
    write_review(out, page)
    return out, page


def chromium(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOME=str(home))  # its profile in a scratch folder
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={home / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def console(stderr: str) -> list[str]:
    """The page's console lines (Chromium logs each as ...:CONSOLE...) and uncaught errors."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def dom(page: Path, tmp: Path, fragment: str = "") -> str:
    run = chromium("--dump-dom", page.as_uri() + fragment, home=tmp)
    assert run.returncode == 0, run.stderr[-2000:]
    assert console(run.stderr) == []
    return run.stdout


def shown_findings(html: str) -> list[str]:
    """The class lists of the finding cards in the dumped DOM."""
    return re.findall(r'<article class="(finding [^"]*)"', html)


def test_the_page_loads_clean_and_shows_every_finding(seed, tmp_path):
    out, page = seed
    html = dom(page, tmp_path)
    assert 'data-ready="1"' in html and "data-errors" not in html
    cards = shown_findings(html)
    assert len(cards) == len(findings_table(out)) == 28
    assert sum("sev-error" in c for c in cards) == 8
    assert html.count('<figure class="crop">') == 14  # each of the PDF's findings
    assert not any("hidden" in c for c in cards)


def test_the_address_filters_the_findings(seed, tmp_path):
    _, page = seed
    html = dom(page, tmp_path, "#sev=error")
    visible = [c for c in shown_findings(html) if "hidden" not in c]
    assert len(visible) == 8 and all("sev-error" in c for c in visible)
    html = dom(page, tmp_path, "#rule=missing_value&doc=.docx")
    visible = [c for c in shown_findings(html) if "hidden" not in c]
    assert len(visible) == 6  # the DOCX's missing_value findings; the PDF's section is hidden
    assert "showing 1 documents, 6 findings" in html


@pytest.mark.parametrize("name, fragment", [("review_seed.png", ""), ("review_seed_pdf.png", "#doc=.pdf")])
def test_a_screenshot_is_kept(seed, tmp_path, name, fragment):
    """The whole page, and the PDF's section alone (its crops), as CI artefacts."""
    _, page = seed
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / name
    shot.unlink(missing_ok=True)
    run = chromium(f"--screenshot={shot}", "--window-size=1400,2000", page.as_uri() + fragment, home=tmp_path)
    assert run.returncode == 0 and console(run.stderr) == []
    assert shot.stat().st_size > 50_000  # a page of text and crops, not a blank one

CLICK_FIRST_CONTRACT = """<script>
  const doc = [...document.querySelectorAll(".doc")].find((d) => d.querySelector(".path").textContent.endsWith(".pdf"));
  doc.querySelector("table.facts tbody tr td.fig").click();
</script></body>"""


def test_a_table_row_shows_its_evidence_on_click(seed, tmp_path):
    """Clicking a figure of the PDF's first contract opens its page, locator, verbatim
    evidence and a link to its finding (a script added to a copy of the page clicks it)."""
    _, page = seed
    clicked = tmp_path / "clicked.html"
    clicked.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICK_FIRST_CONTRACT), encoding="utf-8")
    html = dom(clicked, tmp_path)
    [pop] = re.findall(r'<div id="pop"[^>]*>(.*?)</div>\s*<footer', html, re.S)
    assert 'id="pop" class="pop" role="dialog" hidden' not in html
    assert '<div class="where">page 2 · table:2/row:2</div>' in pop
    assert "1 | Танымал тұлғаларды тарту арқылы діни тұрақтылықты" in pop
    assert re.search(r'<a href="#f-\d-\d+">→ warning missing_value</a>', pop)
