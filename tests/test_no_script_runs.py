"""No page of the site runs script it should not, in a real browser: every built page of both
languages, and (tests/test_hostile_corpus.py) what the builds of hostile contributions wrote.

A dialog (alert, confirm, prompt), an uncaught script error, or an attribute that would run script on
a reader's click or hover fails the test. The first test shows the watch catches each of them."""

from __future__ import annotations

import pytest

from tests import site_server
from tests.browser import script_that_runs
from tests.every_page import PER_SIZE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_watch_sees_a_dialog_an_error_and_a_handler(browser_instance, tmp_path):
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><title>x</title><img src=x onerror=alert(1)><b onmouseover=alert(2)>x</b>"
        "<a href=' javascript:alert(3)'>y</a><script>undefinedFunction()</script>",
        encoding="utf-8",
    )
    server, base = site_server.start(tmp_path, "/")
    try:
        found = script_that_runs(browser_instance, [base + "bad.html"])
    finally:
        server.shutdown()
    assert any(item.startswith("alert('1')") for item in found), found
    assert any("onmouseover" in item for item in found), found
    assert any("javascript:alert(3)" in item for item in found), found
    assert any("undefinedFunction" in item for item in found), found


@pytest.mark.parametrize("size", PER_SIZE)
def test_no_page_of_the_site_runs_foreign_script(every_page_visit, size):
    """Read from the visit of every page (tests/every_page.py), which watches as script_that_runs does."""
    visit = every_page_visit(size)
    assert visit.pages >= 44
    assert visit.script == []


def test_the_ui_watch_sees_an_off_site_request_a_navigation_and_changed_controls(browser_instance, tmp_path):
    """tests/test_hostile_corpus.py compares each page's site UI with and without the contributions;
    this shows the watch sees what it is there to see."""
    from tests.browser import site_ui_watch

    (tmp_path / "a.html").write_text(
        "<!DOCTYPE html><title>a</title><img src='https://evil.example/x.png'>"
        "<div class='qa-practice-bar'>"
        "<button class='qa-practice-toggle' aria-pressed='false'>P</button></div>",
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text(
        "<!DOCTYPE html><title>b</title><meta http-equiv='refresh' content='0;url=a.html'>", encoding="utf-8"
    )
    server, base = site_server.start(tmp_path, "/")
    try:
        shown, found = site_ui_watch(browser_instance, [base + "a.html", base + "b.html"], base)
    finally:
        server.shutdown()
    assert any(item.startswith("request to https://evil.example/x.png") for item in found), found
    assert any(item.startswith(f"navigated from {base}b.html") for item in found), found
    assert shown[base + "a.html"]["controls"] == ["qa-practice-toggle||P"]
