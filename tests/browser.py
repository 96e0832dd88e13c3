"""Launch Debian's chromium through Playwright with the flags this machine needs."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# Chromium 156 preloads the address bar's two popups, pages of its own interface, in a renderer of their
# own for every window it opens, headless too: about a tenth of the CPU a test run spends. They are
# turned off with Playwright's own --disable-features kept, as Chromium reads the last one given.
BROWSER_UI_PAGES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
DISABLE_FEATURES = "--disable-features="


def playwrights_disabled_features(chromium) -> list[str]:
    """The features Playwright starts Chromium without, read from a browser started to tell its command
    line (--enable-automation) and closed again."""
    probe = chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, "--enable-automation"])
    try:
        line = probe.new_browser_cdp_session().send("Browser.getBrowserCommandLine")["arguments"]
    finally:
        probe.close()
    given = [arg[len(DISABLE_FEATURES) :] for arg in line if arg.startswith(DISABLE_FEATURES)]
    return given[-1].split(",") if given else []


def launch(playwright):
    features = [*playwrights_disabled_features(playwright.chromium), *BROWSER_UI_PAGES]
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*FLAGS, DISABLE_FEATURES + ",".join(features)]
    )


# Attributes that would run script if the reader did something (hovered, clicked, focused): the page
# may have none, whoever put them there (the site's own scripts use addEventListener).
SCRIPT_ATTRIBUTES = """() => {
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
            if (name.startsWith("on") || (/^(href|src|action|formaction|data|xlink:href)$/.test(name)
                    && /^(javascript|vbscript):/.test(value))) {
                found.push(`<${element.localName} ${name}="${attribute.value}">`);
            }
        }
    }
    return found;
}"""


def watch_for_script(page, found: list[str], errors: bool = True) -> None:
    """Add to `found` every dialog the page opens (dismissed) and, unless `errors` is False, every
    uncaught script error, with the page it was on."""

    def on_dialog(dialog) -> None:
        found.append(f"{dialog.type}({dialog.message!r}) on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    if errors:
        page.on("pageerror", lambda error: found.append(f"script error {error} on {page.url}"))


def script_that_runs(browser, urls: list[str], errors: bool = True) -> list[str]:
    """Open each URL; return every dialog (alert, confirm, prompt), uncaught script error (unless
    `errors` is False) and script-running attribute found, with the page it was on. An empty list is
    a clean run."""
    context = browser.new_context()
    page = context.new_page()
    found: list[str] = []
    watch_for_script(page, found, errors)
    for url in urls:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)  # a timer or a late event handler
        found += [f"{attribute} on {url}" for attribute in page.evaluate(SCRIPT_ATTRIBUTES)]
    context.close()
    return found


# What a page shows of the site's own interface, outside what a contribution writes: the header, the
# primary navigation, the footer, practice mode's and the parallel view's controls, the notices.
_SITE_UI = """() => {
    const outer = (selector) => [...document.querySelectorAll(selector)].map((e) => e.outerHTML);
    const controls = [...document.querySelectorAll(".qa-practice-bar button, button.qa-reveal")]
        .map((e) => `${e.className}|${e.getAttribute("aria-controls") || ""}|${e.textContent.trim()}`);
    return {
        header: outer("header.md-header"),
        nav: [...document.querySelectorAll("nav.md-nav--primary")].map((nav) => {
            const copy = nav.cloneNode(true);  // without the page's table of contents: the page's own
            copy.querySelectorAll(".md-nav--secondary").forEach((toc) => toc.remove());
            return copy.outerHTML;
        }),
        footer: outer("footer.md-footer"),
        controls: controls,
        notices: outer(".admonition.outdated"),
        wrappers: [...document.querySelectorAll(".qa-block")].map((e) => e.id),
    };
}"""


def site_ui_watch(browser, urls: list[str], base: str) -> tuple[dict[str, dict], list[str]]:
    """Open each URL (under `base`), practice mode on; return the site's interface of each page and
    every request to another site, navigation away from the page and dialog, with the page it was on."""
    context = browser.new_context()
    page = context.new_page()
    found: list[str] = []
    page.on(
        "dialog",
        lambda dialog: (found.append(f"{dialog.type}({dialog.message!r}) on {page.url}"), dialog.dismiss()),
    )
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base, "data:", "blob:"))
            else found.append(f"request to {request.url} from {page.url}")
        ),
    )
    shown: dict[str, dict] = {}
    for url in urls:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)
        toggle = page.locator(".qa-practice-toggle[aria-pressed='false']")  # the choice is remembered
        if toggle.count():
            toggle.first.click()
        page.wait_for_timeout(100)
        if page.url.split("#", 1)[0] != url:
            found.append(f"navigated from {url} to {page.url}")
        shown[url] = page.evaluate(_SITE_UI)
        shown[url]["hidden"] = page.evaluate(
            "() => [...document.querySelectorAll('.qa-block')].filter((e) => e.offsetHeight === 0).length"
        )
    context.close()
    return shown, found
