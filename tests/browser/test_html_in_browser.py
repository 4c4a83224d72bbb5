"""The HTML report in a real browser: headless Chromium (Debian's chromium + chromium-driver) via Selenium.

Opens reports written to disk, as a user would, and checks that highlights
show, that the severity filter hides what it should, that the tooltip appears
on focus and on hover, that ordering and pagination work, that article markup
stays text and that the page logs no errors (a Content-Security-Policy
violation would).  Screenshots go to reports/ (git-ignored) for a person to
look at.  Skips, saying why, when Selenium or Chromium is missing:
``.ci/install-browser`` installs both.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.cli import main

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed: run .ci/install-browser (or pip install selenium)"
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"

ARTICLES = {
    # Markup and an injection attempt that must stay text; doubled word, glued sentence, boilerplate.
    "zz-injection.txt": "MADRID - The council met on Tuesday.The vote was close.\n\n"
    'Officials said <script>window.__xss = 1</script> and <img src=x onerror="window.__xss=2"> '
    "were found in the the draft.\n\nLeave a Reply\n",
    # A long sentence (info, run-on) that contains warnings: highlights nest.
    "zz-nested.txt": "Kigali\n\nThe minister, who arrived late on Monday night after a long flight from the "
    "coast and a short meeting with the the regional governors, said that the plan, which had been "
    "debated for months by the committee and the public, would go ahead in spring and that funding "
    "would follow once the budget was approved by parliament later in the year.It was welcomed.\n",
}


# A rule pack of the test's own, run beside the built-in rules, so that the page always has an info
# finding with a warning nested inside it and an error on the injected markup, whatever the packs hold.
PACK = r"""
category: readability
rules:
  - id: ZZ901
    name: test-long-sentence
    severity: info
    message: "Test: long sentence"
    suggestion: split it
    why: A fixture for the browser test.
    pattern: 'The minister, who[^\n]*?year\.'
    examples:
      fail: ["[[The minister, who came, spoke this year.]]"]
      pass: ["The minister spoke."]
  - id: ZZ902  # the same span as the built-in TR101: merged into it
    name: test-doubled-the
    category: translation
    severity: warning
    message: "Test: doubled '{match}'"
    suggestion: the
    why: A fixture for the browser test.
    pattern: '\bthe the\b'
    examples:
      fail: ["in [[the the]] draft"]
      pass: ["in the draft"]
  - id: ZZ903
    name: test-script-tag
    category: extraction
    severity: error
    message: "Test: script '{match}' in the text"
    why: A fixture for the browser test.
    pattern: '<script>[^<]*</script>'
    examples:
      fail: ["a [[<script>x</script>]] b"]
      pass: ["a script b"]
"""


def _find(env: str, *names: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    return next((p for p in map(shutil.which, names) if p), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium = _find("AUDITOR_CHROMIUM", "chromium", "chromium-browser")
    driver = _find("AUDITOR_CHROMEDRIVER", "chromedriver")
    if chromium is None or driver is None:
        pytest.skip(
            "Chromium or chromedriver not found: install Debian's chromium and chromium-driver "
            "(.ci/install-browser), or set AUDITOR_CHROMIUM and AUDITOR_CHROMEDRIVER"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1360,1000",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    chrome.set_page_load_timeout(60)
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and two invented articles, through the CLI, into reports/browser-report.html."""
    base = tmp_path_factory.mktemp("run")
    folder = base / "articles"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    pack = base / "pack"
    pack.mkdir()
    (pack / "browser-test.yaml").write_text(PACK, encoding="utf-8")
    target = REPORTS / "browser-report.html"
    here = os.getcwd()
    os.chdir(base)  # so that the report shows short relative paths, as a user's run would
    try:
        assert main(["check", "articles", "--rules", "pack", "--format", "html", "-o", str(target)]) in (0, 1)
    finally:
        os.chdir(here)
    return target


def _open(browser: webdriver.Chrome, path: Path) -> None:
    browser.get(path.resolve().as_uri())
    browser.find_element(By.CSS_SELECTOR, "body.ready")  # the script ran to the end


def _errors(browser: webdriver.Chrome) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _visible_marks(browser: webdriver.Chrome, severity: str) -> int:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl.s-' + arguments[0])).filter(function (m) {"
        "  var s = getComputedStyle(m); return s.backgroundColor !== 'rgba(0, 0, 0, 0)'"
        "    && s.textDecorationLine !== 'none' && m.getClientRects().length > 0; }).length;",
        severity,
    )


def test_highlights_filter_tooltip_and_escaping(browser, report):
    _open(browser, report)
    assert _errors(browser) == []
    assert browser.execute_script("return window.__xss") is None
    section = browser.find_element(By.CSS_SELECTOR, 'section[data-path$="zz-injection.txt"]')
    article = section.find_element(By.CSS_SELECTOR, "pre.article").get_attribute("textContent")
    assert '<script>window.__xss = 1</script> and <img src=x onerror="window.__xss=2">' in article

    warnings, infos = _visible_marks(browser, "warning"), _visible_marks(browser, "info")
    assert warnings > 0 and infos > 0, "highlights should show for warnings and info findings"
    # ZZ902 marks the same words as the built-in TR101, so the engine reports one finding (TR101, ZZ902
    # related to it): the doubled word is the warning nested in the long sentence.
    nested = [
        m
        for m in browser.find_elements(By.CSS_SELECTOR, "mark.hl.r-ZZ901.s-info mark.hl.s-warning")
        if m.get_attribute("textContent") == "the the"
    ]
    assert nested, "the doubled word inside the long sentence should be a nested highlight"

    # Keyboard: focus a highlight; the tooltip shows its rule and message.
    mark = nested[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", mark)
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert "Word repeated: 'the the'" in tip.text and "Test: long sentence" in tip.text  # and the sentence around it

    # Untick 'info': info highlights and list entries go, warnings stay.
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="s-info"]').click()
    assert _visible_marks(browser, "info") == 0
    assert _visible_marks(browser, "warning") == warnings
    info_items = browser.find_elements(By.CSS_SELECTOR, "ol.findings li.s-info")
    assert info_items and not any(li.is_displayed() for li in info_items)
    ActionChains(browser).move_to_element(mark).perform()
    assert "long sentence" not in browser.find_element(By.ID, "tip").text  # a hidden finding is not in the tip
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="s-info"]').click()
    assert _visible_marks(browser, "info") == infos

    # Hover shows the tooltip too; take the picture with it open.
    ActionChains(browser).move_to_element(mark).perform()
    assert browser.find_element(By.ID, "tip").is_displayed()
    REPORTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(REPORTS / "browser-report-highlights.png"))
    assert _errors(browser) == []


def test_order_by_score_and_summary_screenshot(browser, report):
    _open(browser, report)
    scores = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.file')).map(function (s) { return s.dataset.score; });"
    )
    browser.find_element(By.CSS_SELECTOR, "#order option[value='score']").click()
    ordered = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.file:not([hidden])'))"
        ".map(function (s) { return parseFloat(s.dataset.score); });"
    )
    assert ordered == sorted(float(s) for s in scores)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.set_window_size(1360, 1500)
    browser.save_screenshot(str(REPORTS / "browser-report-summary.png"))
    browser.set_window_size(1360, 1000)


def test_a_thousand_files_paginate(browser, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    body = (
        "Officials in the capital said the plan would go ahead.The vote was close and the the result "
        "was welcomed by the council. "
    ) * 5
    for n in range(1000):
        (folder / f"{n:04d}.txt").write_text(f"Story {n}\n\n{body}\n\nLeave a Reply\n" * (1 + n % 3), encoding="utf-8")
    target = tmp_path / "many.html"
    assert main(["check", str(folder), "--format", "html", "-o", str(target)]) in (0, 1)
    started = time.perf_counter()
    _open(browser, target)
    loaded = time.perf_counter() - started
    assert _errors(browser) == []
    visible = browser.execute_script("return document.querySelectorAll('section.file:not([hidden])').length")
    assert visible == 20
    pager = browser.find_element(By.CSS_SELECTOR, "nav.pager")
    assert "page 1 of 50" in pager.text
    pager.find_element(By.XPATH, ".//button[contains(., 'next')]").click()
    first = browser.execute_script("return document.querySelector('section.file:not([hidden])').dataset.path")
    assert first.endswith("0020.txt")
    # A link from the summary reaches a file on another page and opens it.
    hidden = [
        a
        for a in browser.find_elements(By.CSS_SELECTOR, "ol.worst a")
        if browser.execute_script(
            "return document.getElementById(arguments[0]).hidden", a.get_attribute("href").split("#")[1]
        )
    ]
    assert hidden, "some of the worst files should be on other pages"
    anchor = hidden[0].get_attribute("href").split("#")[1]
    browser.execute_script("arguments[0].click()", hidden[0])
    assert browser.execute_script(
        "var s = document.getElementById(arguments[0]); return !s.hidden && s.querySelector('details').open;", anchor
    )
    browser.find_element(By.ID, "only-failing").click()
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('section.file:not([hidden])'))"
        ".every(function (s) { return s.classList.contains('fail'); })"
    )
    print(f"1,000 files: {target.stat().st_size / 1e6:.1f} MB, opened in {loaded:.1f} s")


def test_gate_line_and_by_rule_severities(browser, report):
    """The page states the gate and command, and By-rule shows the severities the findings themselves had."""
    _open(browser, report)
    gate = browser.find_element(By.ID, "gate")
    assert gate.is_displayed()
    assert gate.text == "Gate: a file fails below score 80 or with a finding at error."
    assert (
        "auditor check articles --rules pack --format html"
        in browser.find_element(By.CSS_SELECTOR, ".command code").text
    )
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('.panel.wide table.counts tbody tr')).map(function (tr) {"
        "  return [tr.querySelector('code').textContent,"
        "          Array.from(tr.querySelectorAll('td.sevs .sev')).map(function (s) { return s.textContent.split(' ')[0]; })];"
        "});"
    )
    assert rows
    for rule, shown in rows:
        had = browser.execute_script(
            "var s = {}; document.querySelectorAll('ol.findings li.fd.r-' + arguments[0] + ' .sev')"
            ".forEach(function (e) { s[e.textContent] = 1; }); return Object.keys(s);",
            rule,
        )
        assert sorted(shown) == sorted(had), f"{rule}: By-rule says {shown}, its findings are {had}"
    # A jump from the summary leaves the file's header visible below the sticky filter bar.
    link = browser.find_element(By.CSS_SELECTOR, "ol.worst a")
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    time.sleep(0.3)
    assert browser.execute_script(
        "var bar = document.querySelector('form.toolbar').getBoundingClientRect();"
        "var head = document.getElementById(arguments[0]).querySelector('summary').getBoundingClientRect();"
        "return head.top >= bar.bottom - 1 && head.top < window.innerHeight;",
        anchor,
    )
