"""Progress of a long import on the terminal that runs a management command."""

import sys

from django.utils.translation import gettext as _


class TerminalProgress:
    """tqdm on stderr when it is a terminal; nothing otherwise (logs, cron, tests).

    Use as a context manager; the object itself is the ``progress(done, total)`` callback of
    ``import_recommendations``.
    """

    def __init__(self):
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm  # only on a terminal

            utf8 = (sys.stderr.encoding or "").lower().replace("-", "") == "utf8"
            self.bar = tqdm(total=0, unit=_("rows"), file=sys.stderr, ascii=not utf8)
        return self

    def __call__(self, done, total):
        if self.bar is not None:
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
        return False
