"""Every environment variable the settings read is in .env.example and in the README's table."""

import re

from django.conf import settings

# env.str("NAME", ...), env.db("NAME"), environ.Env().str("NAME", ...)
ENV_READ = re.compile(r"""\b(?:env|Env\(\))\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _read_by_settings():
    source = (settings.BASE_DIR / "config" / "settings.py").read_text()
    return set(ENV_READ.findall(source))


def test_settings_environment_variables_are_found():
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "SITE_URL"} <= _read_by_settings()


def test_every_environment_variable_is_in_env_example():
    example = (settings.BASE_DIR / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))

    assert sorted(_read_by_settings() - documented) == []


def test_every_environment_variable_is_in_the_readme_table():
    readme = (settings.BASE_DIR / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))

    assert sorted(_read_by_settings() - documented) == []
