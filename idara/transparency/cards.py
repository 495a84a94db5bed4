"""Share cards for social networks: 1200×630 PNG images of the top ten and of a collectivity's
scorecard, in Arabic and French. Drawn by WeasyPrint (HarfBuzz shapes the Arabic), then
rasterised by PDFium: no browser, and the same fonts as every issued document."""

import io

import pypdfium2
from django.template.loader import render_to_string
from weasyprint import HTML

from idara.transparency import selectors
from idara.transparency.ranking import Period

CSS_PX_PER_PT = 4 / 3  # the page is 1200×630 CSS pixels, i.e. 900×472.5 points


def _png(template: str, context: dict) -> bytes:
    pdf = HTML(string=render_to_string(template, context)).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=CSS_PX_PER_PT).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def top_ten(period: Period) -> bytes:
    entries = list(selectors.ranked(str(period))[:10])
    return _png("transparency/card_top_ten.html", {"period": period, "entries": entries})


def scorecard(unit, period: Period) -> bytes:
    entry = selectors.entry_of(unit, str(period))
    return _png(
        "transparency/card_scorecard.html", {"unit": unit, "period": period, "entry": entry}
    )
