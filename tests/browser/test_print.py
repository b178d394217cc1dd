"""Printing the selection board and a State's history: only the content, whole tables, no sideways cut;
and the history's SVG charts drawn with every label inside the chart (French names included).

The pages are laid out with the print media emulated at the printable width of an A4 page with the
stylesheet's margins (210 mm - 2 x 12 mm = 186 mm, about 703 CSS px), then printed to PDF by Chromium.
"""

import pytest
from django.db.models import Count
from django.urls import reverse

from core.models import User
from presessions.models import Presession
from tests.factories.upr import (
    CycleFactory,
    IssueFactory,
    RecommendationFactory,
    ReviewFactory,
    WorkingGroupSessionFactory,
)
from upr.models import Recommendation, Review

from .test_journeys import demo, signed_in_context  # noqa: F401 - the demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_PRINTABLE = {"width": 703, "height": 1000}
LONG_ISSUE = "Droits des personnes lesbiennes, gays, bisexuelles, transgenres et intersexuées"

LAYOUT = """() => {
  const root = document.documentElement;
  const visible = (selector) => [...document.querySelectorAll(selector)].some(
    (node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden');
  const tables = [...document.querySelectorAll('main table')].map((t) => t.getBoundingClientRect().right);
  return {
    overflow: root.scrollWidth - root.clientWidth,
    width: root.clientWidth,
    tableRight: Math.max(0, ...tables),
    tables: tables.length,
    nav: visible('.site-header, .main-nav, nav'),
    controls: visible('main form, main button, .language, .skip-link'),
    headerRepeats: [...document.querySelectorAll('main thead')].every(
      (h) => getComputedStyle(h).display === 'table-header-group'),
    rowsWhole: [...document.querySelectorAll('main tr')].every(
      (r) => ['avoid', 'avoid-page'].includes(getComputedStyle(r).breakInside)),
    h1: document.querySelector('h1').textContent,
    ink: getComputedStyle(document.body).color,
  };
}"""

LABELS_INSIDE = """() => [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map((text) => {
    const b = text.getBBox();
    return {text: text.textContent, inside: b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5
      && b.y >= box.y - 0.5 && b.y + b.height <= box.y + box.height + 0.5};
  });
})"""


def _pdf_pages(pdf):
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def _print_layout(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return page.evaluate(LAYOUT)


def _assert_printable(layout, title):
    assert title in layout["h1"]
    assert layout["tables"] >= 1
    assert (layout["nav"], layout["controls"]) == (False, False)
    assert layout["overflow"] == 0
    assert layout["tableRight"] <= layout["width"]
    assert (layout["headerRepeats"], layout["rowsWhole"]) == (True, True)
    assert layout["ink"] == "rgb(0, 0, 0)"


def test_selection_board_prints_without_controls_or_sideways_cut(chromium, live_server, demo):  # noqa: F811
    presession = (
        Presession.objects.filter(round=demo.round)
        .annotate(n=Count("applications"))
        .select_related("review__state")
        .order_by("-n")
        .first()
    )
    staff = User.objects.get(email="staff@demo.example.org")
    context = signed_in_context(chromium, live_server, staff, viewport=A4_PRINTABLE)
    page = context.new_page()

    layout = _print_layout(page, live_server.url + reverse("selection:board", kwargs={"pk": presession.pk}))
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()

    _assert_printable(layout, presession.review.state.name)
    assert _pdf_pages(pdf) >= 1


def test_state_history_prints_whole_with_charts_inside_their_box(chromium, live_server, demo):  # noqa: F811
    review = Review.objects.select_related("state").filter(session__number__gt=0).first()
    state = review.state
    earlier = ReviewFactory(
        state=state, session=WorkingGroupSessionFactory(number=990, cycle=CycleFactory(number=9))
    )
    issue = IssueFactory(slug="lgbti-long", name_en=LONG_ISSUE)
    for response in ("supported", "supported", "noted"):
        RecommendationFactory(review=earlier, issues=[issue], response=response)
    RecommendationFactory(
        review=earlier, issues=[IssueFactory(slug="water")], response=Recommendation.Response.NOTED
    )
    staff = User.objects.get(email="staff@demo.example.org")
    context = signed_in_context(chromium, live_server, staff, viewport=A4_PRINTABLE)
    page = context.new_page()

    layout = _print_layout(page, live_server.url + reverse("upr:state_history", args=[state.iso3]))
    labels = page.evaluate(LABELS_INSIDE)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()

    _assert_printable(layout, state.name)
    assert any(label["text"].startswith("Droits des personnes") for label in labels)
    assert [label for label in labels if not label["inside"]] == []
    assert _pdf_pages(pdf) >= 1
