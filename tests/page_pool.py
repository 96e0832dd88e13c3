"""Browser pages handed from one test to the next, reset in between, for the `browse` fixture.

A fresh context and page cost Chrome about a second of CPU before the first page is shown (a new
renderer, cold caches), several times what opening a page in a tab that has shown the site costs.
So a test gets a tab of the context it asks for (screen size and options) that an earlier test may
have used, reset as a fresh one would be:

- the site's storage (local and session storage, cookies, IndexedDB…) emptied, the tab on about:blank
  and the mouse at the corner (a tab that ends on another site is closed instead: its session storage
  of this site could not be reached);
- the watch of the earlier test removed.

The browser's HTTP cache is kept, as a returning reader's is (requests served from it are still
reported as requests). A test that changes the tab or its context in a way a reset cannot undo (an init
script, a route, a listener of its own, emulated media, a DevTools session…) makes it "changed": its
context is closed after the test, as every context was before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

# What a test may call that a reset would not undo: the tab, then its context, is closed after the test.
CHANGES_PAGE = (
    "add_init_script",
    "add_locator_handler",
    "emulate_media",
    "expose_binding",
    "expose_function",
    "on",
    "once",
    "route",
    "route_from_har",
    "route_web_socket",
    "set_default_navigation_timeout",
    "set_default_timeout",
    "set_extra_http_headers",
    "set_viewport_size",
)
CHANGES_CONTEXT = (
    "add_init_script",
    "add_cookies",
    "expose_binding",
    "expose_function",
    "grant_permissions",
    "new_cdp_session",
    "new_page",
    "on",
    "once",
    "route",
    "route_from_har",
    "set_extra_http_headers",
    "set_geolocation",
    "set_offline",
)


@dataclass
class Tab:
    context: object
    page: object
    cdp: object
    key: str
    changed: list[str] = field(default_factory=list)


def _mark_changes(tab: Tab) -> None:
    """Record on `tab` each call of the page's or context's that a reset cannot undo."""
    for target, names in ((tab.page, CHANGES_PAGE), (tab.context, CHANGES_CONTEXT)):
        for name in names:
            original = getattr(type(target), name)

            def recorded(*args, _original=original, _target=target, _name=name, **kwargs):
                tab.changed.append(_name)
                return _original(_target, *args, **kwargs)

            setattr(target, name, recorded)


class PagePool:
    """Tabs by the context options they were opened with, one browser's, free or in a test."""

    def __init__(self, browser, origin: str):
        self.browser = browser
        self.origin = origin
        self.free: dict[str, list[Tab]] = {}

    def take(self, setup: Callable | None = None, **context_options) -> Tab:
        """A tab of a context with these options; `setup(context)`, a named function, is run on a new
        context (routes, say) and is part of what tells tabs apart."""
        key = json.dumps([setup and setup.__qualname__, context_options], sort_keys=True)
        if self.free.get(key):
            return self.free[key].pop()
        context = self.browser.new_context(**context_options)
        if setup:
            setup(context)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        tab = Tab(context, page, cdp, key)
        _mark_changes(tab)
        return tab

    def give_back(self, tab: Tab) -> None:
        """Reset the tab for the next test, or close its context if the test changed it."""
        page = tab.page
        # Session storage belongs to the tab and its origin: it is emptied from a page of the site.
        if tab.changed or page.is_closed() or not page.url.startswith((self.origin + "/", "about:blank")):
            tab.context.close()
            return
        if page.url.startswith(self.origin):
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.mouse.move(0, 0)
        page.goto("about:blank")
        tab.cdp.send("Storage.clearDataForOrigin", {"origin": self.origin, "storageTypes": "all"})
        tab.context.clear_cookies()
        self.free.setdefault(tab.key, []).append(tab)

    def close(self) -> None:
        for tabs in self.free.values():
            for tab in tabs:
                tab.context.close()
        self.free.clear()
