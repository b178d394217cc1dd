"""The SVG charts' geometry: nothing clipped, bars on a nice axis, small values still visible."""

import pytest
from django.template.loader import render_to_string

from core.charts import (
    MAX_LABEL_WIDTH,
    MIN_BAR_WIDTH,
    PAD,
    bar_chart,
    fit_text,
    nice_axis,
    stacked_bar_chart,
    text_width,
    wrap_text,
)

LABELS = [
    "Bosnie-Herzégovine",
    "République démocratique populaire lao",
    "Saint-Vincent-et-les Grenadines",
    "Derechos de las personas lesbianas, gays, bisexuales, transgénero e intersexuales",
    "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
    "Mali",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
]
VALUES = [(0, 0, 0), (1, 0, 0), (987, 3, 1), (40, 12, 0), (0, 0, 1), (7, 7, 7), (250, 0, 0)]


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (0, (5, 1)),
        (1, (5, 1)),
        (5, (5, 1)),
        (7, (8, 2)),
        (12, (15, 5)),
        (20, (20, 5)),
        (51, (60, 20)),
        (100, (100, 20)),
        (101, (150, 50)),
        (999, (1000, 200)),
    ],
)
def test_nice_axis_is_round_and_holds_the_maximum(maximum, expected):
    assert nice_axis(maximum) == expected


def test_fit_text_shortens_only_what_does_not_fit():
    assert fit_text("Mali", 100) == "Mali"
    shortened = fit_text(LABELS[3], 150)
    assert shortened.endswith("…")
    assert LABELS[3].startswith(shortened[:-1])
    assert text_width(shortened) <= 150


def _describe(values):
    return "{} soutenues, {} notées, {} sans réponse enregistrée".format(*values)


def test_stacked_chart_keeps_every_text_inside_its_area():
    chart = stacked_bar_chart(
        chart_id="c",
        title="T",
        rows=list(zip(LABELS, VALUES, strict=True)),
        series=["Soutenues", "Notées", "Aucune réponse enregistrée"],
        describe=_describe,
    )
    label_area = chart.plot_x
    assert label_area <= MAX_LABEL_WIDTH
    for bar in chart.bars:
        # Labels (on one or two lines) end at label_x (text-anchor="end") and start after the left padding.
        assert 1 <= len(bar.label_lines) <= 2
        assert all(text_width(line) <= chart.label_x - PAD for line in bar.label_lines)
        assert chart.label_x < label_area
        bar_end = max((s.x + s.width for s in bar.segments), default=chart.plot_x)
        assert bar_end <= chart.figures_x
        assert chart.figures_x + text_width(bar.figures) <= chart.width
    assert [len(bar.label_lines) for bar in chart.bars] == [1, 2, 1, 2, 2, 1, 1]
    assert [bar.shortened for bar in chart.bars] == [False, False, False, True, False, False, True]
    for item in chart.legend:
        assert item.text_x + text_width(item.series) <= chart.width
        assert item.text_y <= chart.height
    assert chart.ticks[-1].x == chart.plot_x + chart.plot_width


def test_stacked_chart_axis_holds_the_largest_bar_and_small_values_stay_visible():
    rows = list(zip(LABELS, VALUES, strict=True))
    chart = stacked_bar_chart(chart_id="c", title="T", rows=rows, series=["S", "N", "O"], describe=str)
    assert chart.ticks[-1].value >= max(sum(values) for values in VALUES)
    assert [tick.value for tick in chart.ticks] == [0, 200, 400, 600, 800, 1000]
    widths = {segment.value: segment.width for bar in chart.bars for segment in bar.segments}
    assert all(width >= MIN_BAR_WIDTH for width in widths.values())
    assert widths[1] == MIN_BAR_WIDTH  # 1 in 1000 would be 0.3 px
    assert chart.bars[0].segments == ()


def test_stacked_chart_without_rows_has_no_axis():
    chart = stacked_bar_chart(chart_id="c", title="T", rows=[], series=["S"], describe=str)
    assert (chart.bars, chart.ticks, chart.legend) == ([], [], [])
    assert chart.height > 24  # room for "No recommendations recorded."


def test_stacked_chart_legend_wraps_instead_of_running_out():
    chart = stacked_bar_chart(
        chart_id="c",
        title="T",
        rows=[("A", (1, 1, 1))],
        series=["x" * 40, "y" * 40, "z" * 40],
        describe=str,
    )
    assert len({item.y for item in chart.legend}) > 1
    for item in chart.legend:
        assert item.text_x + text_width(item.series) <= chart.width
        assert item.text_y <= chart.height


def test_value_chart_keeps_labels_and_values_inside_the_view_box():
    items = [
        (label, value, f"{value} candidatures", index % 2 == 0)
        for index, (label, value) in enumerate(zip(LABELS, [0, 1, 2, 3, 9, 17, 23], strict=True))
    ]
    chart = bar_chart("T", "D", items, maximum=23)
    assert chart.ticks[-1].value >= 23
    assert [tick.value for tick in chart.ticks] == [0, 5, 10, 15, 20, 25]
    for bar in chart.bars:
        assert text_width(bar.label) <= chart.label_x - PAD
        assert bar.width == 0 if bar.value == 0 else bar.width >= MIN_BAR_WIDTH
        assert chart.label_width + bar.width <= chart.label_width + chart.plot_width
        shown = bar.display + (" ⚑" if bar.flagged else "")
        assert bar.value_x + text_width(shown) <= chart.width
    assert chart.bars[1].width == round(chart.plot_width / 25, 1)


def test_value_chart_shares_a_given_maximum():
    chart = bar_chart("T", "D", [("A", 2, "2", False)], maximum=40)
    assert [tick.value for tick in chart.ticks] == [0, 10, 20, 30, 40]
    assert chart.bars[0].width == round(chart.plot_width * 2 / 40, 1)


def test_wrap_text_breaks_between_words_and_cuts_the_rest():
    assert wrap_text("Droits des femmes", 300) == ("Droits des femmes",)
    assert wrap_text("Droits des femmes", 90) == ("Droits des", "femmes")
    assert wrap_text("Droits des femmes", 60) == ("Droits", fit_text("des femmes", 60))
    lines = wrap_text(LABELS[3], 200)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(text_width(line) <= 200 for line in lines)
    assert wrap_text("W" * 40, 100) == (fit_text("W" * 40, 100),)


def test_charts_render_ticks_and_full_labels_in_titles():
    stacked = stacked_bar_chart(
        chart_id="c", title="T", rows=[(LABELS[3], (3, 1, 0))], series=["S", "N", "O"], describe=str
    )
    svg = render_to_string("upr/charts/bar_chart.svg", {"chart": stacked})
    assert f"<title>{LABELS[3]}</title>" in svg
    assert ">5</text>" in svg and 'text-anchor="middle"' in svg
    value = bar_chart("T", "D", [(LABELS[1], 1, "1", False)])
    html = render_to_string("speakers/_bar_chart.html", {"chart": value, "index": 1})
    assert f"<title>{LABELS[1]}</title>" in html
    assert 'class="tick">5</text>' in html
