"""Forms that guide (issue 8, item 4): required fields marked, help text (the password rules) in the
element that the input's aria-describedby names, single checkboxes before their label.

Pages are parsed as a browser does (tinyhtml5, the HTML5 parser WeasyPrint ships): a <ul> inside a <p>
closes the <p>, which is how the password rules used to leave the described-by target empty.
"""

import pytest
import tinyhtml5
from django import forms
from django.urls import reverse
from django.utils import translation

from .conftest import PASSWORD

NS = "{http://www.w3.org/1999/xhtml}"
RULES = "Your password must contain at least 10 characters."


def parse(html):
    return tinyhtml5.parse(html)


def by_id(tree, element_id):
    return next((e for e in tree.iter() if e.get("id") == element_id), None)


def text(element):
    return " ".join("".join(element.itertext()).split())


def described_by(tree, input_id):
    """The text of every element the input's aria-describedby names (None for a missing id)."""
    field = by_id(tree, input_id)
    ids = (field.get("aria-describedby") or "").split()
    return [text(by_id(tree, i)) if by_id(tree, i) is not None else None for i in ids]


@pytest.mark.django_db
def test_signup_password_rules_are_the_description_of_the_password_input(client):
    tree = parse(client.get(reverse("account_signup")).content.decode())

    descriptions = described_by(tree, "id_password1")

    assert len(descriptions) == 1
    assert RULES in descriptions[0]
    assert "can’t be entirely numeric" in descriptions[0]
    assert by_id(tree, "id_password2").get("aria-describedby") is None  # no help text: nothing to point at


@pytest.mark.django_db
def test_password_change_rules_are_the_description_of_the_new_password(client, make_user):
    user = make_user()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    tree = parse(client.get(reverse("account_change_password")).content.decode())

    [description] = described_by(tree, "id_password1")
    assert RULES in description


@pytest.mark.django_db
def test_every_aria_describedby_on_the_signup_page_names_an_element_with_text(client):
    response = client.post(reverse("account_signup"), {"email": "not an address", "password1": "1"})
    tree = parse(response.content.decode())

    described = [e for e in tree.iter() if e.get("aria-describedby")]

    assert {e.get("name") for e in described} >= {"email", "password1", "full_name"}
    for element in described:
        for target in element.get("aria-describedby").split():
            assert by_id(tree, target) is not None, target
            assert text(by_id(tree, target)) != "", target


@pytest.mark.django_db
def test_signup_marks_its_required_fields(client):
    tree = parse(client.get(reverse("account_signup")).content.decode())

    labels = {e.get("for"): text(e) for e in tree.iter(f"{NS}label") if e.get("for")}

    assert labels["id_email"] == "Email (required)"
    assert labels["id_password1"] == "Password (required)"
    assert labels["id_password2"] == "Password (again) (required)"
    assert labels["id_language"] == "Preferred language"  # a select that always has a value
    assert all(by_id(tree, f"id_{name}").get("required") is not None for name in ("email", "password1"))
    # The marker is part of the label, so speech-input and screen-reader users meet the visible words.
    markers = [e for e in tree.iter(f"{NS}span") if e.get("class") == "required"]
    assert [e.get("aria-hidden") for e in markers] == [None] * len(markers) != []


@pytest.mark.django_db
def test_required_marker_is_translated(client):
    client.cookies["django_language"] = "fr"
    tree = parse(client.get(reverse("account_signup"), headers={"accept-language": "fr"}).content.decode())

    label = next(e for e in tree.iter(f"{NS}label") if e.get("for") == "id_email")

    assert text(label).endswith("(obligatoire)")


class Everything(forms.Form):
    name = forms.CharField(label="Name", help_text="As in your passport.")
    nickname = forms.CharField(label="Nickname", required=False)
    agree = forms.BooleanField(label="I agree")
    news = forms.BooleanField(label="Send news", required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red")], widget=forms.RadioSelect)


def test_field_group_marks_required_fields_and_describes_only_with_help_text():
    form = Everything()
    with translation.override("en"):
        tree = parse(
            "".join(f'<div class="field">{form[name].as_field_group()}</div>' for name in form.fields)
        )

    labels = {e.get("for"): text(e) for e in tree.iter(f"{NS}label") if e.get("for")}
    assert labels["id_name"] == "Name (required)"
    assert labels["id_nickname"] == "Nickname"
    assert labels["id_agree"] == "I agree (required)"
    assert labels["id_news"] == "Send news"
    assert [text(legend) for legend in tree.iter(f"{NS}legend")] == ["Colour (required)"]
    assert described_by(tree, "id_name") == ["As in your passport."]
    assert by_id(tree, "id_nickname").get("aria-describedby") is None
    assert by_id(tree, "id_name").get("required") is not None


def test_single_checkbox_comes_before_its_label():
    with translation.override("en"):
        html = Everything()["agree"].as_field_group()

    assert html.index('type="checkbox"') < html.index('<label for="id_agree">')


def dangling_descriptions(html):
    """``(input id, missing id)`` for every aria-describedby id that names no element of the page."""
    tree = parse(html)
    return [
        (element.get("id"), target)
        for element in tree.iter()
        if element.get("aria-describedby")
        for target in element.get("aria-describedby").split()
        if by_id(tree, target) is None
    ]


@pytest.mark.django_db
def test_hand_laid_forms_give_their_help_text_the_id_the_input_names(client, review_world):
    """The import, scheduling and assessment forms lay out their fields by hand: their help text must
    carry the ``<id>_helptext`` id Django's aria-describedby names (they used ``<id>_help``)."""
    criterion = review_world.criteria[0]
    criterion.help_text_en = "Does the speaker know the country first hand?"
    criterion.save()
    client.force_login(review_world.staff)
    import_page = client.get(reverse("upr:recommendation_import")).content.decode()
    schedule_page = client.get(
        reverse("presessions:schedule_round", args=[review_world.round.number])
    ).content.decode()
    client.force_login(review_world.reviewer)
    assess_page = client.get(reverse("review:assess", kwargs={"pk": review_world.app_a.pk})).content.decode()

    for html in (import_page, schedule_page, assess_page):
        assert "aria-describedby" in html, html[html.find("<h1"):html.find("<h1") + 80]
        assert dangling_descriptions(html) == []
