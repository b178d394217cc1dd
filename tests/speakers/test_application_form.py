"""The application form guides (issue 8, item 4): sections with anchors, a summary of what is still needed
to submit (each item a link to its field), the issues in groups, short answers on one line."""

import csv
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from speakers.applications import services
from speakers.models import Application
from tests.factories.presessions import CallQuestionFactory
from upr.models import Issue
from upr.services import REFERENCE_DIR

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """The ids, the legends and the links of a page (enough to follow its anchors)."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.legends = set(), [], []
        self._legend = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "legend":
            self._legend = []

    def handle_data(self, data):
        if self._legend is not None:
            self._legend.append(data)

    def handle_endtag(self, tag):
        if tag == "legend":
            self.legends.append(" ".join("".join(self._legend).split()))
            self._legend = None


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


def summary_of(html):
    """The items of the summary at the top of the form: [(href, text)]."""
    block = re.search(r'<div class="(?:error|missing)-summary".*?</div>', html, re.S).group(0)
    return [
        (href, " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()))
        for href, text in re.findall(r'<li><a href="([^"]+)">(.*?)</a></li>', block, re.S)
    ]


@pytest.fixture
def all_issues(db):
    """The 56 issues the project ships (``upr/reference/issues.csv``)."""
    with open(REFERENCE_DIR / "issues.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    Issue.objects.all().delete()  # the factories' issues
    Issue.objects.bulk_create([Issue(**row) for row in rows])
    return Issue.objects.all()


def edit_url(application, **query):
    url = reverse("applications:application_edit", args=[application.token])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_missing_for_submission_names_the_field_of_every_item(world):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    CallQuestionFactory(round=world.round, label_en="Anything else?", required=False)
    draft = world.draft_a
    Application.objects.filter(pk=draft.pk).update(speaker_name="", speaker_gender="")
    draft.issues.clear()

    with translation.override("en"):
        missing = services.missing_for_submission(Application.objects.get(pk=draft.pk))
        found = [(item.field, str(item)) for item in missing]

    assert (
        found
        == [(item.field, str(item)) for item in missing]
        == [
            ("speaker_name", "the speaker's name"),
            ("speaker_gender", "the speaker's gender"),
            ("issues", "at least one issue"),
            (f"question_{question.pk}", "Your mandate?"),
        ]
    )


def test_form_is_in_sections_each_with_an_anchor_listed_at_the_top(world, client):
    CallQuestionFactory(round=world.round, label_en="Your mandate?")
    client.force_login(world.applicant_a)

    html = client.get(edit_url(world.draft_a)).content.decode()

    page = outline(html)
    sections = ["organisation", "submission", "issues", "speaker", "questions", "consent"]
    assert [link for link in page.links if link.startswith("#section-")] == [
        f"#section-{s}" for s in sections
    ]
    assert {f"section-{s}" for s in sections} <= page.ids
    assert page.legends[1:3] == ["Organisation", "Stakeholder submission"]  # after the language switcher


def test_summary_lists_what_is_missing_with_links_to_the_fields(world, client):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    Application.objects.filter(pk=world.draft_a.pk).update(speaker_email="")
    world.draft_a.issues.clear()
    client.force_login(world.applicant_a)

    html = client.get(edit_url(world.draft_a)).content.decode()

    items = summary_of(html)
    assert items == [
        ("#id_issues", "at least one issue"),
        ("#id_speaker_email", "the speaker's e-mail"),
        (f"#id_question_{question.pk}", "Your mandate?"),
    ]
    assert {href[1:] for href, _text in items} <= outline(html).ids  # every link lands on its field
    assert "To submit, still needed:" in html
    # A first visit shows it quietly; only after saving or submitting is it an alert that takes the focus.
    assert 'role="alert"' not in html


def test_saving_an_incomplete_draft_returns_to_the_form_with_the_summary_focused(world, client):
    client.force_login(world.applicant_a)

    response = client.post(edit_url(world.draft_a), {"submission_mode": "alone", "participation": "online"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(world.draft_a, check=1)
    html = client.get(response["Location"]).content.decode()
    summary = re.search(r'<div class="missing-summary"[^>]*>', html).group(0)
    assert summary == (
        '<div class="missing-summary" role="alert" tabindex="-1" autofocus aria-labelledby="problems-title">'
    )
    assert [href for href, _text in summary_of(html)] == [
        "#id_issues",
        "#id_speaker_name",
        "#id_speaker_email",
        "#id_speaker_gender",
    ]
    assert "Draft saved." in html


def test_saving_a_complete_draft_goes_to_the_application_page(world, client):
    client.force_login(world.applicant_a)
    data = {
        "submission_mode": "alone",
        "participation": "online",
        "issues": [world.draft_a.issues.get().pk],
        "speaker_name": "Amina Diallo",
        "speaker_email": "amina@example.org",
        "speaker_gender": "woman",
    }

    response = client.post(edit_url(world.draft_a), data)

    assert response["Location"] == reverse("applications:application_detail", args=[world.draft_a.token])


def test_submitting_an_incomplete_draft_leads_to_the_focused_summary(world, client):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    client.force_login(world.applicant_a)

    response = client.post(
        reverse("applications:application_submit", args=[world.draft_a.token]), follow=True
    )

    assert response.redirect_chain == [(edit_url(world.draft_a, check=1), 302)]
    html = response.content.decode()
    assert summary_of(html) == [(f"#id_question_{question.pk}", "Your mandate?")]
    assert 'role="alert" tabindex="-1" autofocus' in html
    assert Application.objects.get(pk=world.draft_a.pk).status == "draft"


def test_invalid_fields_are_listed_with_their_errors_and_anchors(world, client):
    client.force_login(world.applicant_a)
    data = {"submission_mode": "alone", "participation": "online", "speaker_email": "not an address"}
    data |= {"travel_from": "2026-05-10", "travel_to": "2026-05-01"}

    html = client.post(edit_url(world.draft_a), data).content.decode()

    assert summary_of(html) == [
        ("#id_speaker_email", "Speaker's e-mail: Enter a valid email address."),
        ("#id_travel_to", "Available until: The end of the travel window cannot be before its start."),
    ]
    assert "Please correct the following" in html
    assert 'class="error-summary" role="alert" tabindex="-1" autofocus' in html


def test_application_page_links_each_missing_item_to_its_field(world, client):
    Application.objects.filter(pk=world.draft_a.pk).update(speaker_name="")
    client.force_login(world.applicant_a)

    html = client.get(reverse("applications:application_detail", args=[world.draft_a.token])).content.decode()

    assert f'<a href="{edit_url(world.draft_a)}#id_speaker_name">the speaker&#x27;s name</a>' in html


def test_fields_required_to_submit_are_marked_and_aria_required(world, client):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    optional = CallQuestionFactory(round=world.round, label_en="Anything else?")
    client.force_login(world.applicant_a)

    html = client.get(edit_url(world.draft_a)).content.decode()

    marker = ' <span class="required">(required)</span>'
    assert f'<label for="id_speaker_name">Speaker&#x27;s name{marker}</label>' in html
    assert f'<label for="id_speaker_email">Speaker&#x27;s e-mail{marker}</label>' in html
    assert f'<label for="id_speaker_gender">Speaker&#x27;s gender{marker}</label>' in html
    assert f'<label for="id_question_{question.pk}">Your mandate?{marker}</label>' in html
    assert f'<label for="id_question_{optional.pk}">Anything else?</label>' in html
    assert f"<legend>Issues{marker}</legend>" in html
    assert f"<legend>Speaker&#x27;s position{marker}" not in html
    for name in ("speaker_name", "speaker_email", "speaker_gender", f"question_{question.pk}"):
        tag = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert 'aria-required="true"' in tag, tag
    position = re.search(r'<input[^>]*id="id_speaker_position"[^>]*>', html).group(0)
    assert "aria-required" not in position


def test_the_56_issues_render_in_their_five_themes_with_a_filter_box(world, client, all_issues):
    world.draft_a.issues.set(all_issues.filter(slug__in=["torture-and-other-cid-treatment", "nhri"]))
    client.force_login(world.applicant_a)

    html = client.get(edit_url(world.draft_a)).content.decode()

    section = re.search(
        r'<fieldset class="form-section" id="section-issues".*?</fieldset>\s*</div>\s*</div>', html, re.S
    )
    issues_html = section.group(0)
    boxes = re.findall(r'<input type="checkbox" name="issues" value="(\d+)"', issues_html)
    assert len(boxes) == 56
    assert sorted(map(int, boxes)) == sorted(all_issues.values_list("pk", flat=True))
    legends = outline(issues_html).legends
    assert legends[0] == "Issues (required)"
    assert legends[1:] == [
        "Civil and political rights",
        "Economic, social and cultural rights",
        "Rights of specific groups",
        "Justice, security and accountability",
        "Human rights system and cooperation",
    ]
    civil = re.search(r"<legend>Civil and political rights</legend>.*?</fieldset>", issues_html, re.S)
    assert "Torture and other CID treatment" in civil.group(0)
    assert "Right to health" not in civil.group(0)
    assert '<label for="id_issues-filter">Find an issue</label>' in issues_html
    assert '<div class="checkbox-groups-tools" data-tools hidden>' in issues_html  # shown by the script
    assert "<strong data-selected-count>2</strong> / 56" in issues_html
    assert '<script src="/static/js/checkbox-filter.js"></script>' in html


def test_issue_groups_follow_the_language_of_the_page(world, client, all_issues):
    world.applicant_a.language = "fr"
    world.applicant_a.save()
    client.force_login(world.applicant_a)
    client.cookies["django_language"] = "fr"

    html = client.get(edit_url(world.draft_a), headers={"accept-language": "fr"}).content.decode()

    issues_html = re.search(r'id="section-issues".*?</form>', html, re.S).group(0)
    legends = outline(issues_html).legends
    assert legends[1] == "Droits civils et politiques"
    # Sorted as read within each theme: "Élections" among the E, not after the Z.
    label = re.compile(r'name="issues" value="\d+"[^>]*>\s*([^<]+?)\s*</label>')
    groups = [
        [unescape(found) for found in label.findall(group)]
        for group in re.findall(r'<fieldset class="checkbox-group">.*?</fieldset>', issues_html, re.S)
    ]
    assert len(groups) == 5
    for labels in groups:
        folded = [
            "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c)).casefold()
            for label in labels
        ]
        assert labels and folded == sorted(folded)
    assert groups[0].index("Élections") < groups[0].index("Exécutions extrajudiciaires")


def test_yes_no_questions_and_short_choices_are_on_one_line(world, client):
    question = CallQuestionFactory(round=world.round, label_en="Do you need a visa?", kind="yes_no")
    client.force_login(world.applicant_a)

    html = client.get(edit_url(world.draft_a)).content.decode()

    for name in (f"question_{question.pk}", "participation", "submission_mode"):
        assert f'<div id="id_{name}" class="choices-inline">' in html
    radios = re.findall(rf'<input type="radio" name="question_{question.pk}" value="(\w+)"', html)
    assert radios == ["True", "False"]
    # A single checkbox comes before its label.
    assert re.search(
        r'<div class="checkbox-row"><input type="checkbox" name="at_risk"[^>]*> <label for="id_at_risk">',
        html,
    )


def test_yes_no_answer_is_saved_and_shown_again(world, client):
    question = CallQuestionFactory(round=world.round, label_en="Do you need a visa?", kind="yes_no")
    client.force_login(world.applicant_a)
    data = {"submission_mode": "alone", "participation": "online", f"question_{question.pk}": "False"}

    client.post(edit_url(world.draft_a), data)

    assert world.draft_a.answers.get(question=question).boolean is False
    html = client.get(edit_url(world.draft_a)).content.decode()
    assert re.search(rf'<input type="radio" name="question_{question.pk}" value="False"[^>]*checked', html)


def test_submit_application_refuses_with_the_missing_items(world):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)

    with pytest.raises(
        services.IncompleteApplication, match=r"^Please complete: Your mandate\?\.$"
    ) as refused:
        services.submit_application(world.draft_a, actor=world.applicant_a)

    assert refused.value.missing == [services.MissingItem(f"question_{question.pk}", "Your mandate?")]
