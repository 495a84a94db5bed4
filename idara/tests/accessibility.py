"""axe-core (Deque's engine, through axe-playwright-python) on the pages the browser tests
visit: issue 12's "no violation at WCAG 2.2 A and AA"; reflow, which axe leaves to people:
no page may scroll sideways at the test's window size; each page in its own script; and on a
right-to-left page, what reads left to right isolated."""

import re

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
        problems = violations(page) + wrong_script(page) + not_isolated(page)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"reflow (WCAG 1.4.10): the page scrolls sideways at {viewport}")
        if problems:
            found[address] = problems
    reader.close()
    return found


# Issue 25: an Arabic page shows no Latin-script word, a French page no Arabic one, outside
# what is in that script by nature (references, codes, e-mails, addresses, numbers, units) and
# outside a part whose `lang` says it is in another language (a name given in both, the
# language switch) or unknown (`lang=""`: what a person typed).
_TEXTS_OF_THE_PAGE = """() => {
  const page = document.documentElement.lang;
  const ownLanguage = (element) => {
    const part = element.closest('[lang]');
    return !part || part.lang === page;
  };
  const shown = (element) => element.checkVisibility
    ? element.checkVisibility({visibilityProperty: true}) : true;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest('script, style, noscript, template, code, kbd, samp')) continue;
    if (ownLanguage(element) && shown(element)) texts.push(walker.currentNode.data);
  }
  const said = 'img[alt], [aria-label], [placeholder], [title], input[type=submit][value]';
  for (const element of document.body.querySelectorAll(said)) {
    if (!ownLanguage(element)) continue;
    for (const name of ['alt', 'aria-label', 'placeholder', 'title', 'value']) {
      if (name === 'value' && element.type !== 'submit') continue;
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  return {language: page, texts: texts};
}"""
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]")
UNITS = {"m²", "m2", "m³", "km", "ha", "ko", "mo", "kb", "mb"}
_PUNCTUATION = "«»\"'“”‘’()[]{}<>.,;:!?؟،؛…*·–—|/\\"


def _an_address(word: str) -> bool:
    return "://" in word or word.lstrip(_PUNCTUATION[:6]).startswith(("www.", "/"))


def _latin_by_nature(word: str) -> bool:
    bare = word.strip(_PUNCTUATION)
    return (
        not bare
        or _an_address(word)
        or any(c.isdigit() for c in bare)
        or "@" in bare
        or re.fullmatch(r"[\w-]+(\.[\w-]+)+", bare) is not None  # a domain, a file's name
        or bare.isupper()  # an acronym or a code: CIN, PDF, MAD, K7QM
        or bare.lower() in UNITS
    )


# A person's words inside a sentence (text.quoted): first-strong isolate … pop isolate.
_QUOTED = re.compile("\u2068[^\u2069]*\u2069")


def words_in_another_script(language: str, texts: list[str]) -> list[str]:
    """The words, in the order met, that a page in `language` shows in the other script."""
    found = []
    for text in texts:
        for word in _QUOTED.sub(" ", text).split():
            if language == "ar":
                foreign = LATIN.search(word) and not _latin_by_nature(word)
            else:
                foreign = ARABIC.search(word) and not _an_address(word)
            if foreign and word not in found:
                found.append(word)
    return found


def wrong_script(page) -> list[str]:
    """The page's words in the other script, as one line, or nothing."""
    shown = page.evaluate(_TEXTS_OF_THE_PAGE)
    if shown["language"] not in ("ar", "fr"):
        return []
    words = words_in_another_script(shown["language"], shown["texts"])
    if not words:
        return []
    script = "Latin" if shown["language"] == "ar" else "Arabic"
    return [f"{script} words on a page in {shown['language']}: {' '.join(words[:30])}"]


# Issue 25, item 7: on a right-to-left page, what reads left to right (a reference, a date, a
# code, a collectivity's code) sits in an isolate (`<bdi dir="ltr">`, any `dir="ltr"`, or in
# plain text the Unicode LRI … PDI of `text.ltr`), or
# the bidirectional algorithm reorders it: "000081-2026-01.151.01.01", "02-12-2026".
LEFT_TO_RIGHT = re.compile(
    r"\d{2}(?:\.\d{3}){0,1}(?:\.\d{2}){0,2}\.?-\d{4}-\d{6}"  # a dossier's reference
    r"|\b\d{4}-\d{2}-\d{2}\b"  # a date
    r"|\b\d{2}\.\d{3}\.\d{2}\.\d{2}\.?"  # a commune's code
    r"|\b[0-9A-Z]{4}(?:[- ][0-9A-Z]{4}){2,}\b"  # a verification code, in groups
)
_NOT_ISOLATED = """(pattern) => {
  if (document.documentElement.dir !== 'rtl') return [];
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const expression = new RegExp(pattern, 'g');
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest('script, style, template, [dir=ltr]')) continue;
    const text = walker.currentNode.data;
    for (const match of text.matchAll(expression)) {
      const end = match.index + match[0].length;
      const isolated = text[match.index - 1] === '\u2066' && text[end] === '\u2069';
      if (!isolated) found.push(match[0]);
    }
  }
  return found;
}"""


def not_isolated(page) -> list[str]:
    found = page.evaluate(_NOT_ISOLATED, LEFT_TO_RIGHT.pattern)
    if not found:
        return []
    return [f"left-to-right text not isolated on a right-to-left page: {' '.join(found[:20])}"]
