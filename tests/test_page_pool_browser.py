"""A tab handed from one test to the next is as fresh as a new one (tests/page_pool.py)."""

from __future__ import annotations

STORE = """() => {
    localStorage.setItem("llm-qa:pool-test", "1");
    sessionStorage.setItem("llm-qa:pool-test", "1");
    document.cookie = "pool-test=1; path=/";
}"""
READ = """() => [
    localStorage.getItem("llm-qa:pool-test"), sessionStorage.getItem("llm-qa:pool-test"), document.cookie,
    Object.keys(localStorage).sort().join(" ")]"""


def test_a_reused_tab_keeps_nothing_of_the_test_before(page_pool, served_site):
    tab = page_pool.take(viewport={"width": 800, "height": 600})
    tab.page.goto(served_site, wait_until="load")
    tab.page.evaluate(STORE)
    first = tab.page.evaluate(READ)
    assert first[:3] == ["1", "1", "pool-test=1"]
    tab.page.mouse.move(300, 200)
    page_pool.give_back(tab)

    again = page_pool.take(viewport={"width": 800, "height": 600})
    assert again is tab, "the tab was not reused: this test checks nothing"
    assert again.page.url == "about:blank"
    again.page.goto(served_site, wait_until="load")
    # Nothing of the test's, and the site's own keys as a first visit writes them.
    assert again.page.evaluate(READ) == [None, None, "", first[3].replace("llm-qa:pool-test", "").strip()]
    page_pool.give_back(again)


def test_a_tab_a_test_changed_is_closed_not_reused(page_pool, served_site):
    tab = page_pool.take(viewport={"width": 801, "height": 600})
    tab.page.add_init_script("window.poolTest = 1")
    page_pool.give_back(tab)
    assert tab.page.is_closed()
    assert page_pool.take(viewport={"width": 801, "height": 600}) is not tab


def test_the_browser_opens_no_page_of_its_own_interface(browser_instance):
    """tests/browser.py turns off the address bar's popups (a renderer each per window) and keeps the
    features Playwright turns off (requests to other sites among them)."""
    from tests.browser import playwrights_disabled_features

    context = browser_instance.new_context()
    context.new_page()
    targets = browser_instance.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
    context.close()
    assert [target["url"] for target in targets if target["type"] != "page"] == []
    assert playwrights_disabled_features(browser_instance.browser_type), "no feature of Playwright's read"
