"""The editor's page: its headers and files over HTTP, and (with Chromium) the page at work in a browser."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from serving import SEEDS, Server


def test_the_page_has_a_strict_csp_and_no_external_resource(server: Server) -> None:
    with server.client() as client:
        page = client.get("/")
        script = client.get("/static/editor.js")
        style = client.get("/static/editor.css")
    assert page.status_code == script.status_code == style.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    for body in (page.text, script.text, style.text):
        assert not re.search(r"(src|href)=\"(https?:)?//", body) and "url(http" not in body
    assert "innerHTML" not in script.text and "insertAdjacentHTML" not in script.text  # text nodes only
    assert "<script>" not in page.text.replace('<script src="/static/editor.js" defer></script>', "")


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent: .ci/install-browser installs it")
def test_paste_highlight_accept_a_fix_and_download(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.common.by import By

    server = serve()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get(server.url + "/")
        seed = SEEDS[4].read_text(encoding="utf-8") + "\nThe the end. <script>window.__xss=1</script>\n"
        driver.execute_script("document.getElementById('input').value = arguments[0];", seed)
        driver.find_element(By.ID, "check").click()

        def wait(condition, seconds: float = 30):  # type: ignore[no-untyped-def]
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                if value := condition():
                    return value
                time.sleep(0.2)
            raise AssertionError("timed out")

        items = wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#findings li"))
        highlighted = {
            i
            for m in driver.find_elements(By.CSS_SELECTOR, "#article mark")
            for i in m.get_attribute("data-findings").split()
        }
        spanned = driver.execute_script("return document.querySelectorAll('#findings li').length")
        assert len(items) == spanned and len(highlighted) >= len(items) - 3  # whole-file findings have no span
        assert driver.execute_script("return window.__xss") is None
        assert "<script>" in driver.find_element(By.ID, "article").text
        before = len(items)
        doubled = next(li for li in items if li.text.startswith("TR101"))
        doubled.find_element(By.CSS_SELECTOR, "button.accept").click()
        wait(lambda: "The the end." not in driver.execute_script("return document.getElementById('input').value"))
        wait(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#findings li")) == before - 1)
        driver.find_element(By.ID, "download").click()

        # Chrome may show the file under its final name before it has written all the bytes: wait until a
        # download holds the page's text, the accepted fix in it
        fixed = driver.execute_script("return document.getElementById('input').value").rstrip("\n")

        def downloaded() -> list[str]:
            return [
                t for p in downloads.glob("*.cleaned.txt") if (t := p.read_text(encoding="utf-8")).rstrip("\n") == fixed
            ]

        cleaned = wait(downloaded)
        assert "The end." in cleaned[0] and "The the end." not in cleaned[0]
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        driver.quit()
