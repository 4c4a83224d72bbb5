"""The HTML report's Sources and Rewrite clusters sections in headless Chromium (as test_html_in_browser).

A corpus of the five seeds under three invented sites plus clean articles of a
fourth, audited with ``--source-field site --clusters``: the Sources table
lists every site best first, sorts when a heading is clicked, the inline chart
draws one bar per site, the clusters are the seeds' two stories with links to
the members' sections, and the page logs no error (a CSP violation would).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from auditor.cli import main

pytest.importorskip("datasketch", reason="datasketch is not installed (pip install 'news-auditor[sources]')")
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed: run .ci/install-browser (or pip install selenium)"
)
from selenium.webdriver.common.by import By
from test_html_in_browser import REPORTS, ROOT, _errors, _open, browser  # noqa: F401

CLEAN = [
    "The city council approved a new budget for the library on Monday after a short debate.\n\n"
    "The plan adds two reading rooms and longer opening hours, the council said.\n",
    "Rain is expected across the region on Thursday, with lighter showers by the weekend.\n\n"
    "Forecasters said temperatures would stay close to the seasonal average.\n",
]
SITES = {"000": "spin-one", "003": "spin-two", "001": "spin-one", "002": "spin-three", "004": "spin-two"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("sources")
    corpus = base / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for n, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
            fh.write(
                json.dumps(
                    {
                        "id": seed.stem[:3],
                        "site": SITES[seed.stem[:3]],
                        "date": f"2021-12-0{n + 1}",
                        "text": seed.read_text(encoding="utf-8"),
                    }
                )
                + "\n"
            )
        for n, text in enumerate(CLEAN):
            fh.write(json.dumps({"id": f"clean-{n}", "site": "clean-news", "date": "2021-01-01", "text": text}) + "\n")
    target = REPORTS / "browser-sources.html"
    here = os.getcwd()
    os.chdir(base)
    try:
        code = main(
            [
                "check",
                "corpus.jsonl",
                "--jobs",
                "1",
                "--source-field",
                "site",
                "--date-field",
                "date",
                "--clusters",
                "--format",
                "html",
                "-o",
                str(target),
                "--no-progress",
            ]
        )
    finally:
        os.chdir(here)
    assert code in (0, 1)
    return target


def _sources(browser) -> list[str]:  # noqa: F811
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#sources-table tbody tr')).map(function (r) {"
        " return r.dataset.source; });"
    )


def test_sources_table_sorts_and_chart_draws(browser, report):  # noqa: F811
    _open(browser, report)
    assert _errors(browser) == []
    section = browser.find_element(By.ID, "sources")
    assert section.is_displayed()
    ranked = _sources(browser)
    assert sorted(ranked) == ["clean-news", "spin-one", "spin-three", "spin-two"]
    assert ranked[0] == "clean-news", "the clean site ranks first"
    means = [
        float(c.get_attribute("data-value"))
        for c in browser.find_elements(By.CSS_SELECTOR, "#sources-table tbody tr td:nth-child(4)")
    ]
    assert means == sorted(means, reverse=True)
    bars = browser.find_elements(By.CSS_SELECTOR, "#sources svg g.sbar rect.source")
    assert len(bars) == 4 and all(float(b.get_attribute("width")) > 0 for b in bars)

    mean_button = browser.find_element(By.XPATH, "//table[@id='sources-table']//th[4]/button")
    mean_button.click()  # ascending: the worst site first
    ascending = _sources(browser)
    assert ascending[-1] == "clean-news" and ascending != ranked
    mean_button.click()  # again: descending
    assert _sources(browser)[0] == "clean-news"
    browser.find_element(By.XPATH, "//table[@id='sources-table']//th[2]/button").click()
    assert _sources(browser) == sorted(ranked)  # by name
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(REPORTS / "browser-sources.png"))
    assert _errors(browser) == []


def test_clusters_list_the_two_stories_with_links(browser, report):  # noqa: F811
    _open(browser, report)
    clusters = browser.find_elements(By.CSS_SELECTOR, "#clusters li.cluster")
    members = [sorted(a.text for a in c.find_elements(By.CSS_SELECTOR, "td:first-child")) for c in clusters]
    assert sorted(members) == [["000", "003"], ["001", "002", "004"]]
    # Every member has a date, so the original is the earliest copy.
    originals = [c.find_element(By.CSS_SELECTOR, "tr.original td:first-child").text for c in clusters]
    assert sorted(originals) == ["000", "001"]
    link = clusters[0].find_element(By.CSS_SELECTOR, "tr.original a")
    target = link.get_attribute("href").split("#", 1)[1]
    assert browser.find_element(By.ID, target).get_attribute("data-path") == link.text
    assert _errors(browser) == []
