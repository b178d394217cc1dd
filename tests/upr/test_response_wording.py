"""French names of the responses follow OHCHR's French UPR documents ("ont recueilli l'appui de" / "a pris
note de"): a supported recommendation is "appuyée", a noted one "notée" (never "acceptée")."""

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from upr.models import Recommendation


@pytest.mark.parametrize(
    ("lang", "supported", "noted"), [("fr", "Appuyée", "Notée"), ("es", "Apoyada", "Anotada")]
)
def test_response_labels_use_the_un_terms(lang, supported, noted):
    with translation.override(lang):
        labels = [str(label) for _value, label in Recommendation.Response.choices]

    assert labels == [supported, noted]


def test_response_sentences_in_french_say_appuyee():
    with translation.override("fr"):
        sentences = [
            gettext("%(supported)d supported, %(noted)d noted") % {"supported": 3, "noted": 1},
            gettext("The State under Review supported it."),
            gettext("The State under Review noted it."),
        ]

    assert sentences == [
        "3 appuyées, 1 notées",
        "L’État examiné l’a appuyée.",
        "L’État examiné en a pris note.",
    ]


def test_french_catalogue_never_calls_a_recommendation_accepted():
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    # Every message about supported recommendations (the importer's list of English input values aside).
    about_responses = [
        entry
        for entry in catalogue
        if "supported" in entry.msgid.casefold() and "Accepted" not in entry.msgid
    ]

    assert len(about_responses) == 5  # the brief's table of counts by issue × response too
    assert [e.msgstr for e in about_responses if "accept" in e.msgstr.casefold()] == []
