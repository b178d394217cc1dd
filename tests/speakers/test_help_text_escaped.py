"""Staff-authored help text reaches applicants' forms escaped, never as HTML (issue 12, item 7)."""

import pytest
from django import forms
from django.urls import reverse

from tests.factories.presessions import CallQuestionFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror="alert(1)"><b>bold</b>'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;bold&lt;/b&gt;"


def test_application_form_escapes_question_help_text(client, world):
    CallQuestionFactory(round=world.draft_a.presession.round, kind="text", help_text_en=HOSTILE)
    client.force_login(world.applicant_a)

    html = client.get(reverse("applications:application_edit", args=[world.draft_a.token])).content.decode()

    assert ESCAPED in html
    assert "<b>bold</b>" not in html


class _Form(forms.Form):
    answer = forms.CharField(help_text=HOSTILE)


@pytest.mark.parametrize("render", ["as_p", "as_div", "as_table", "as_ul"])
def test_every_form_layout_escapes_help_text(render):
    html = str(getattr(_Form(), render)())

    assert ESCAPED in html
    assert "<b>bold</b>" not in html


def test_field_group_escapes_help_text():
    html = str(_Form()["answer"].as_field_group())

    assert ESCAPED in html
    assert "<b>bold</b>" not in html
