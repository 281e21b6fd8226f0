"""The HTML pages opened in a real headless Chromium, as a project leader would open them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHOTS, Plg


def _open(browser: Any, path: Path, width: int = 1100) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "request",
        lambda r: (
            problems.append(f"fetched {r.url}")
            if not r.url.startswith(("file:", "data:"))
            else None
        ),
    )
    page.goto(path.as_uri())
    return page, problems


@pytest.fixture
def demo(tmp_path: Path) -> Plg:
    plg = Plg(f"sqlite:///{tmp_path / 'demo.db'}")
    plg("demo")
    return plg


def test_overview_in_a_browser(browser: Any, demo: Plg, tmp_path: Path) -> None:
    out = tmp_path / "overview.html"
    demo("overview", "--html", str(out))
    page, problems = _open(browser, out)
    assert problems == []
    assert page.locator("#teams tr.team").count() == 6
    assert page.locator("#attention tbody tr").all_inner_texts()[0].startswith("Woordenschat NT2")
    phases = {"actieonderzoek": 9, "datateam": 9, "lesson_study": 7, "vier_vragen": 5}
    for method, count in phases.items():
        assert page.locator(f"#method-{method} rect.bar").count() == count
    widths = page.locator("#method-lesson_study rect.bar").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().width)"
    )
    assert [w > 0 for w in widths] == [False, True, False, True, False, False, False]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)
    phone, problems = _open(browser, out, width=390)
    assert problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(SHOTS / "overview-phone.png"), full_page=True)
    page.emulate_media(media="print")
    page.pdf(path=str(SHOTS / "overview.pdf"))


def test_export_and_meeting_sheet_in_a_browser(browser: Any, demo: Plg, tmp_path: Path) -> None:
    story, sheet = tmp_path / "story.html", tmp_path / "sheet.html"
    demo("export", "Rekenen bovenbouw", "--format", "html", "-o", str(story))
    demo("checklist", "Netwerk schrijfonderwijs", "--format", "html", "-o", str(sheet))
    page, problems = _open(browser, story)
    assert problems == []
    assert page.locator("section.visit").count() == 8
    assert page.locator(".route li.current").inner_text() == "Collect data"
    page.screenshot(path=str(SHOTS / "export.png"), full_page=True)
    page, problems = _open(browser, sheet, width=800)
    assert problems == []
    assert page.locator("ul.checks li").count() == 4
    page.screenshot(path=str(SHOTS / "meeting-sheet.png"), full_page=True)
