"""axe-core (Deque's engine, through axe-playwright-python) on the pages the browser tests
visit: issue 12's "no violation at WCAG 2.2 A and AA"; and reflow, which axe leaves to people:
no page may scroll sideways at the test's window size."""

from axe_playwright_python.sync_playwright import Axe

WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE = Axe()


def violations(page) -> list[str]:
    """The page's violations, one line each: the rule, its impact and where it strikes."""
    options = {
        "runOnly": {"type": "tag", "values": WCAG_A_AND_AA},
        "resultTypes": ["violations"],
    }
    found = _AXE.run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:4])
        for v in found
    ]


def visited_pages(page) -> list[str]:
    """Record the addresses the page's main frame goes to, in order; the list fills as the
    test browses."""
    addresses: list[str] = []
    method = {"last": "GET"}

    def sent(request) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            method["last"] = request.method

    def note(frame) -> None:
        # A page shown in answer to a form sent (a refusal with its reason) cannot be
        # opened again by its address: that would be a GET of the form's action.
        if frame == page.main_frame and method["last"] == "GET" and frame.url not in addresses:
            addresses.append(frame.url)

    page.on("request", sent)
    page.on("framenavigated", note)
    return addresses


def audit_visited(browser, context, viewport: dict, addresses: list[str]) -> dict[str, list[str]]:
    """Open each address again with the context's session and window size, and return the
    violations found, by address. axe is a script, so it reads a page opened with JavaScript
    on, even when the test browsed without."""
    if not addresses:
        return {}
    reader = browser.new_context(storage_state=context.storage_state(), viewport=viewport)
    page = reader.new_page()
    found = {}
    for address in addresses:
        answer = page.goto(address)
        if answer is None or not answer.ok:
            continue
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        problems = violations(page)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"reflow (WCAG 1.4.10): the page scrolls sideways at {viewport}")
        if problems:
            found[address] = problems
    reader.close()
    return found
