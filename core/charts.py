"""Server-rendered SVG charts, for every app: geometry computed here, drawn by a template.

- ``stacked_bar_chart`` (``templates/upr/charts/bar_chart.svg``): horizontal stacked bars, readable in
  print and without colour: each series has its own fill pattern (solid, hatched, dotted), each bar is
  labelled with its figures in words. Also drawn in the briefs' PDFs (WeasyPrint), so fills and strokes
  are attributes, never CSS.
- ``bar_chart`` (``templates/speakers/_bar_chart.html``): one value per bar, a bar may be flagged.

Layout rules, shared by both:

- Nothing is clipped: the label column is as wide as the longest label needs (text widths are estimated
  on the generous side, see ``text_width``), up to ``MAX_LABEL_WIDTH``; a longer label is shortened
  with "…" and keeps its full text in a <title>. The figures on the right of the bars get the room their
  longest text needs, so the viewBox holds every word in any language.
- Bars are scaled against a "nice" axis (0 to 5, 10, 15, 20, 50, 60, 100…, see ``nice_axis``) drawn as
  gridlines with their values; a non-zero value is never thinner than ``MIN_BAR_WIDTH``.

No JavaScript and no inline styles; every chart carries a <title> and a <desc> that states every
figure, for screen readers, and the pages show the same figures in a table.
"""

import math
from dataclasses import dataclass, field

FONT_SIZE = 12
PAD = 8
MIN_LABEL_WIDTH = 48
MAX_LABEL_WIDTH = 260
MIN_BAR_WIDTH = 3
AXIS_HEIGHT = 20  # the row of tick values under the bars
ELLIPSIS = "…"

# Advance widths in em, on the generous side of DejaVu Sans / system-ui (the fonts of Debian's Chromium and
# of WeasyPrint), so that an estimate is never shorter than the drawn text.
_NARROW = set("ijlIft.,:;'!|()[]{} ")
_WIDE = set("mwMW@%—")


def text_width(text, font_size=FONT_SIZE):
    """Estimated width in px of ``text`` drawn at ``font_size`` (never less than the real one)."""
    em = 0.0
    for char in str(text):
        if char in _NARROW:
            em += 0.4
        elif char in _WIDE:
            em += 1.0
        elif char.isupper() or char.isdigit():
            em += 0.75
        else:
            em += 0.64
    return math.ceil(em * font_size)


def fit_text(text, max_width, font_size=FONT_SIZE):
    """``text`` as is when it fits in ``max_width`` px, else shortened at the end with "…"."""
    text = str(text)
    if text_width(text, font_size) <= max_width:
        return text
    while text and text_width(text.rstrip() + ELLIPSIS, font_size) > max_width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap_text(text, max_width, max_lines=2, font_size=FONT_SIZE):
    """``text`` broken between words into at most ``max_lines`` lines of ``max_width`` px; what is left
    over after the last line is cut with "…" (as is a word longer than a line)."""
    lines, words = [], str(text).split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", font_size) <= max_width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = fit_text(f"{lines[-1]} {' '.join(words)}", max_width, font_size)
    return tuple(fit_text(line, max_width, font_size) for line in lines)


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


def nice_axis(maximum, *, steps=5, minimum_top=5):
    """``(top, step)``: an axis from 0 to ``top`` in at most ``steps`` equal steps of 1, 2 or 5 × 10ⁿ.

    ``top`` is the smallest multiple of the step that holds ``maximum``; counts get at least
    ``minimum_top`` so that a panel with one application is not a full-width bar.
    """
    maximum = max(maximum, minimum_top, 1)
    magnitude = 10 ** math.floor(math.log10(maximum / steps)) if maximum > steps else 1
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if math.ceil(maximum / step) <= steps:
            return math.ceil(maximum / step) * step, step
    raise AssertionError("unreachable: 10 × magnitude always fits")  # pragma: no cover


def _ticks(top, step, plot_x, plot_width):
    return [Tick(value, round(plot_x + plot_width * value / top, 1)) for value in range(0, top + 1, step)]


def _scaled(value, scale):
    """Width of a bar: proportional, and at least ``MIN_BAR_WIDTH`` when the value is not zero."""
    return round(max(value * scale, MIN_BAR_WIDTH), 1) if value else 0


# Several values per bar, stacked.
PATTERNS = ("solid", "hatched", "dotted")
PLOT_WIDTH = 340
BAR_HEIGHT = 22
BAR_GAP = 10
LINE_HEIGHT = 13  # a label wrapped on two lines stays within its bar's row
TOP = 10
LEGEND_ROW = 24
LEGEND_SWATCH = 24  # swatch and the gap before its text
LEGEND_GAP = 20


@dataclass(frozen=True)
class Segment:
    series: str
    pattern: str
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    label_lines: tuple[str, ...]
    full_label: str
    figures: str
    y: float
    text_y: float
    segments: tuple[Segment, ...]

    @property
    def label(self):
        return " ".join(self.label_lines)

    @property
    def shortened(self):
        return self.label_lines[-1].endswith(ELLIPSIS) and not self.full_label.endswith(ELLIPSIS)

    @property
    def label_y(self):
        """Baseline of the label's first line: one line is level with the figures, two straddle the bar."""
        return self.text_y if len(self.label_lines) == 1 else self.y + BAR_HEIGHT / 2 - 2


@dataclass(frozen=True)
class LegendItem:
    series: str
    pattern: str
    x: float
    text_x: float
    y: float

    @property
    def text_y(self):
        return self.y + 11


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    width: int = 0
    height: int = 0
    label_x: int = 0  # right edge of the labels (text-anchor="end")
    plot_x: int = 0
    plot_width: int = PLOT_WIDTH
    figures_x: int = 0
    grid_bottom: float = 0
    axis_y: float = 0
    legend_y: float = 0  # top of the legend's first row
    patterns: tuple[str, ...] = PATTERNS


def _two_line_width(label):
    """Width of ``label`` broken between words into two lines as evenly as the words allow."""
    words = label.split()
    return min(
        (
            max(text_width(" ".join(words[:cut])), text_width(" ".join(words[cut:])))
            for cut in range(1, len(words))
        ),
        default=text_width(label),
    )


def _label_area(labels, max_lines=1):
    """Width of the label column, within the bounds: the longest label on one line and its padding, or
    (with ``max_lines=2``) on two lines for the labels too long for one."""
    widest = MAX_LABEL_WIDTH - 2 * PAD
    needs = []
    for label in labels:
        width = text_width(label)
        needs.append(width if width <= widest or max_lines == 1 else _two_line_width(label))
    return min(max(max(needs, default=0) + 2 * PAD, MIN_LABEL_WIDTH), MAX_LABEL_WIDTH)


def _legend(used, left, right, top):
    """Legend items from left to right, wrapping to a new row before ``right``."""
    items, x, y = [], left, top
    for name, pattern in used:
        item_width = LEGEND_SWATCH + text_width(name)
        if items and x + item_width > right:
            x, y = left, y + LEGEND_ROW
        items.append(LegendItem(name, pattern, x, x + LEGEND_SWATCH, y))
        x += item_width + LEGEND_GAP
    return items


def stacked_bar_chart(*, chart_id, title, rows, series, describe):
    """A horizontal stacked bar chart.

    ``rows`` is a list of ``(label, values)`` with one value per name in ``series`` (at most three);
    ``describe(values)`` returns the figures of one bar in words ("45 supported, 12 noted"), used both
    next to the bar and in the chart's description.
    """
    if len(series) > len(PATTERNS):
        raise ValueError(f"At most {len(PATTERNS)} series.")
    rows = [(str(label), tuple(values)) for label, values in rows]
    label_area = _label_area((label for label, _values in rows), max_lines=2)
    plot_x = label_area
    top, step = nice_axis(max((sum(values) for _label, values in rows), default=0))
    scale = PLOT_WIDTH / top
    # Minimum widths may push a stacked bar past the plot by a few px: the figures start after that.
    figures_x = plot_x + PLOT_WIDTH + MIN_BAR_WIDTH * (len(series) - 1) + PAD
    bars = []
    for index, (label, values) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        x, segments = plot_x, []
        for name, pattern, value in zip(series, PATTERNS, values, strict=False):
            if value:
                width = _scaled(value, scale)
                segments.append(Segment(name, pattern, value, round(x, 1), width))
                x += width
        lines = wrap_text(label, label_area - 2 * PAD)
        bars.append(Bar(lines, label, describe(values), y, y + BAR_HEIGHT * 0.7, tuple(segments)))
    figures_width = max((text_width(bar.figures) for bar in bars), default=0)
    width = figures_x + figures_width + PAD
    grid_bottom = TOP + len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP / 2
    axis_y = grid_bottom + AXIS_HEIGHT - 6  # baseline of the tick values
    used = [
        (str(name), pattern)
        for index, (name, pattern) in enumerate(zip(series, PATTERNS, strict=False))
        if any(values[index] for _label, values in rows)
    ]
    legend_y = grid_bottom + AXIS_HEIGHT + 6
    legend = _legend(used, plot_x, width - PAD, legend_y)
    legend_rows = len({item.y for item in legend})
    return BarChart(
        chart_id=chart_id,
        title=title,
        description="; ".join(f"{bar.full_label}: {bar.figures}" for bar in bars),
        bars=bars,
        legend=legend,
        ticks=_ticks(top, step, plot_x, PLOT_WIDTH) if rows else [],
        width=width,
        height=math.ceil(legend_y + max(legend_rows, 1) * LEGEND_ROW + PAD),
        label_x=label_area - PAD,
        plot_x=plot_x,
        figures_x=figures_x,
        grid_bottom=grid_bottom,
        axis_y=axis_y,
        legend_y=legend_y,
    )


# One value per bar.
VALUE_BAR_HEIGHT = 18
VALUE_GAP = 6
VALUE_PLOT_WIDTH = 300
VALUE_TOP = 4


@dataclass(frozen=True)
class ValueBar:
    label: str
    full_label: str
    value: float
    display: str
    y: int
    width: float
    text_y: int
    value_x: float
    flagged: bool = False

    @property
    def shortened(self):
        return self.label != self.full_label


@dataclass(frozen=True)
class ValueBarChart:
    title: str
    description: str
    bars: list
    height: int
    width: int
    label_width: int  # the plot starts here
    label_x: int  # right edge of the labels
    plot_width: int = VALUE_PLOT_WIDTH
    ticks: list = field(default_factory=list)
    grid_bottom: float = 0
    axis_y: float = 0

    @property
    def has_flags(self):
        return any(bar.flagged for bar in self.bars)


def _value_text(display, flagged):
    return f"{display} ⚑" if flagged else str(display)


def bar_chart(title, description, items, maximum=None):
    """Build a horizontal bar chart from ``(label, value, display, flagged)`` tuples.

    ``maximum`` shares one scale between several charts (it is rounded up to a nice axis).
    """
    items = [(str(label), value, str(display), bool(flagged)) for label, value, display, flagged in items]
    largest = max((value for _label, value, _display, _flagged in items), default=0)
    top, step = nice_axis(max(largest, maximum or 0))
    label_area = _label_area(label for label, *_rest in items)
    scale = VALUE_PLOT_WIDTH / top
    bars = []
    for index, (label, value, display, flagged) in enumerate(items):
        y = VALUE_TOP + index * (VALUE_BAR_HEIGHT + VALUE_GAP)
        width = _scaled(value, scale)
        bars.append(
            ValueBar(
                label=fit_text(label, label_area - 2 * PAD),
                full_label=label,
                value=value,
                display=display,
                y=y,
                width=width,
                text_y=y + VALUE_BAR_HEIGHT - 5,
                value_x=round(label_area + width + 6, 1),
                flagged=flagged,
            )
        )
    value_width = max(
        (bar.value_x + text_width(_value_text(bar.display, bar.flagged)) for bar in bars),
        default=0,
    )
    grid_bottom = VALUE_TOP + max(len(bars), 1) * (VALUE_BAR_HEIGHT + VALUE_GAP) - VALUE_GAP / 2
    return ValueBarChart(
        title=str(title),
        description=str(description),
        bars=bars,
        height=math.ceil(grid_bottom + AXIS_HEIGHT),
        width=math.ceil(max(value_width, label_area + VALUE_PLOT_WIDTH + text_width(str(top)) / 2) + PAD),
        label_width=label_area,
        label_x=label_area - PAD,
        ticks=_ticks(top, step, label_area, VALUE_PLOT_WIDTH) if bars else [],
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + AXIS_HEIGHT - 6,
    )
