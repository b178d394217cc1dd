"""PDF briefs, one-page info sheets and round books, rendered by WeasyPrint in a background task.

Decisions:
- The HTML is rendered first (``html.py``), in the document's language; its SHA-256 (with the version of
  the CSS and of WeasyPrint) is the cache key: a rebuild whose HTML did not change does no work.
- WeasyPrint runs with ``fetcher.StaticOnlyFetcher``: it serves the project's own static files and refuses
  every other URL (``file:``, ``http(s):`` elsewhere, ``data:``), so nothing a speaker writes can make the
  renderer read a local file or call a server. User text is escaped by the templates anyway.
- Output is tagged PDF/UA-1 (``pdf_variant="pdf/ua-1"``): document language from ``<html lang>``, title
  from ``<title>``, bookmarks from the headings; fonts (Noto, DejaVu) are embedded as subsets.
- Files are stored under random names and served only through views that check permission,
  publication or a distribution token.
"""
