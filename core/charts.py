"""Server-rendered SVG charts, for every app: geometry computed here, drawn by a template.

- ``stacked_bar_chart`` (``templates/upr/charts/bar_chart.svg``): horizontal stacked bars, readable in
  print and without colour: each series has its own fill pattern (solid, hatched, dotted), each bar is
  labelled with its figures in words.
- ``bar_chart`` (``templates/speakers/_bar_chart.html``): one value per bar, a bar may be flagged.

No JavaScript and no inline styles; every chart carries a <title> and a <desc> that states every
figure, for screen readers.
"""

from dataclasses import dataclass, field

# Series are told apart by pattern first, colour second (ids of <pattern>s in the template).
PATTERNS = ("solid", "hatched", "dotted")
LABEL_WIDTH = 220
PLOT_WIDTH = 340
FIGURES_WIDTH = 200
BAR_HEIGHT = 22
BAR_GAP = 10
TOP = 10
LEGEND_HEIGHT = 34
MAX_LABEL_CHARS = 34


@dataclass(frozen=True)
class Segment:
    series: str
    pattern: str
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    figures: str
    y: float
    text_y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LegendItem:
    series: str
    pattern: str
    x: float
    text_x: float


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    width: int = LABEL_WIDTH + PLOT_WIDTH + FIGURES_WIDTH
    height: int = 0
    label_x: int = LABEL_WIDTH - 8
    plot_x: int = LABEL_WIDTH
    legend_y: float = 0
    patterns: tuple[str, ...] = PATTERNS

    @property
    def figures_x(self):
        return LABEL_WIDTH + PLOT_WIDTH + 8


def _shorten(label):
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def stacked_bar_chart(*, chart_id, title, rows, series, describe):
    """A horizontal stacked bar chart.

    ``rows`` is a list of ``(label, values)`` with one value per name in ``series`` (at most three);
    ``describe(values)`` returns the figures of one bar in words ("45 supported, 12 noted"), used both
    next to the bar and in the chart's description.
    """
    if len(series) > len(PATTERNS):
        raise ValueError(f"At most {len(PATTERNS)} series.")
    largest = max((sum(values) for _label, values in rows), default=0) or 1
    scale = PLOT_WIDTH / largest
    bars = []
    for index, (label, values) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        x, segments = LABEL_WIDTH, []
        for name, pattern, value in zip(series, PATTERNS, values, strict=False):
            if value:
                segments.append(Segment(name, pattern, value, round(x, 1), round(value * scale, 1)))
                x += value * scale
        bars.append(Bar(_shorten(label), label, describe(values), y, y + BAR_HEIGHT * 0.7, tuple(segments)))
    legend_y = TOP + len(rows) * (BAR_HEIGHT + BAR_GAP) + 6  # an int: the template adds to it
    used = [
        (name, pattern)
        for index, (name, pattern) in enumerate(zip(series, PATTERNS, strict=False))
        if any(values[index] for _label, values in rows)
    ]
    legend = [
        LegendItem(name, pattern, LABEL_WIDTH + i * 150, LABEL_WIDTH + i * 150 + 24)
        for i, (name, pattern) in enumerate(used)
    ]
    description = "; ".join(f"{bar.full_label}: {bar.figures}" for bar in bars)
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=bars,
        legend=legend,
        height=int(legend_y + LEGEND_HEIGHT),
        legend_y=legend_y,
    )


# One value per bar.
VALUE_BAR_HEIGHT = 18
VALUE_GAP = 6
VALUE_LABEL_WIDTH = 200  # room for 26 characters at 12px
VALUE_PLOT_WIDTH = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class ValueBar:
    label: str
    value: float
    display: str
    y: int
    width: int
    text_y: int
    flagged: bool = False


@dataclass(frozen=True)
class ValueBarChart:
    title: str
    description: str
    bars: list
    height: int
    width: int = VALUE_LABEL_WIDTH + VALUE_PLOT_WIDTH + VALUE_WIDTH
    label_width: int = VALUE_LABEL_WIDTH
    plot_width: int = VALUE_PLOT_WIDTH

    @property
    def has_flags(self):
        return any(bar.flagged for bar in self.bars)


def bar_chart(title, description, items, maximum=None):
    """Build a horizontal bar chart from ``(label, value, display, flagged)`` tuples."""
    items = list(items)
    top = maximum if maximum is not None else max((value for _, value, _, _ in items), default=0)
    bars = []
    for index, (label, value, display, flagged) in enumerate(items):
        y = index * (VALUE_BAR_HEIGHT + VALUE_GAP)
        width = round(VALUE_PLOT_WIDTH * value / top) if top else 0
        bars.append(
            ValueBar(str(label), value, str(display), y, width, y + VALUE_BAR_HEIGHT - 5, bool(flagged))
        )
    height = max(len(bars) * (VALUE_BAR_HEIGHT + VALUE_GAP), VALUE_BAR_HEIGHT + VALUE_GAP)
    return ValueBarChart(str(title), str(description), bars, height)
