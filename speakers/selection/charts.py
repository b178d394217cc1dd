"""Server-rendered SVG bar charts: geometry computed here, drawn by ``speakers/charts/bars.svg``.

No JavaScript and no inline styles: every bar carries its value as text and the chart has a title and
a description, so it reads in a screen reader and on paper.
"""

from dataclasses import dataclass

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 200  # room for 26 characters at 12px
PLOT_WIDTH = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    y: int
    width: int
    text_y: int
    flagged: bool = False


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: list
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def has_flags(self):
        return any(bar.flagged for bar in self.bars)


def bar_chart(title, description, items, maximum=None):
    """Build a horizontal bar chart from ``(label, value, display, flagged)`` tuples."""
    items = list(items)
    top = maximum if maximum is not None else max((value for _, value, _, _ in items), default=0)
    bars = []
    for index, (label, value, display, flagged) in enumerate(items):
        y = index * (BAR_HEIGHT + GAP)
        width = round(PLOT_WIDTH * value / top) if top else 0
        bars.append(Bar(str(label), value, str(display), y, width, y + BAR_HEIGHT - 5, bool(flagged)))
    height = max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT + GAP)
    return BarChart(str(title), str(description), bars, height)
