"""HTML → tagged PDF with WeasyPrint, behind the locked URL fetcher."""

import weasyprint

from .fetcher import StaticOnlyFetcher

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
ENGINE_VERSION = f"weasyprint-{weasyprint.__version__}-ua1"


def render_pdf(html, *, progress=None, fetcher=None):
    """Return the PDF bytes of ``html``; ``progress(percent)`` is called after layout."""
    fetcher = fetcher or StaticOnlyFetcher()
    document = weasyprint.HTML(string=html, base_url=fetcher.base_url(), url_fetcher=fetcher).render(
        **PDF_OPTIONS
    )
    if progress is not None:
        progress(80)
    return document.write_pdf(**PDF_OPTIONS)
