"""The FR and ES catalogues are complete: every message in the code is translated, none fuzzy."""

import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

LANGUAGES = ("fr", "es")
SOURCE_DIRS = ("config", "core", "upr", "presessions", "speakers", "embassies", "briefs", "templates")


def _catalogue(lang):
    return polib.pofile(str(settings.BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(lang):
    catalogue = _catalogue(lang)
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_entries_have_every_form_the_language_needs(lang):
    """Spanish has three plural forms (the second for round millions): an entry with two falls back
    to the English plural for every count but one."""
    catalogue = _catalogue(lang)
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and sorted(k for k, v in entry.msgstr_plural.items() if v) != list(range(forms))
    ]
    assert catalogue.metadata["Language"] == lang
    assert short == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (Debian gettext) is not installed")
def test_catalogues_cover_every_message_in_the_code(tmp_path):
    """makemessages on a copy of the sources finds no message that the catalogues lack."""
    for name in SOURCE_DIRS:
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name, ignore=ignore)
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages",
         "-l", "fr", "-l", "es", "--no-obsolete", "--no-location"],
        cwd=tmp_path, check=True, capture_output=True,
    )
    for lang in LANGUAGES:
        regenerated = polib.pofile(str(tmp_path / "locale" / lang / "LC_MESSAGES" / "django.po"))
        missing = sorted(e.msgid for e in regenerated.untranslated_entries() + regenerated.fuzzy_entries())
        assert missing == [], f"{lang}: messages in the code without a translation"
