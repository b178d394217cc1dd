"""The Makefile's set-up targets work from a shell without the project's variables set."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_data_works_without_django_debug_set(tmp_path):
    log = tmp_path / "calls.log"
    probe = tmp_path / "manage"
    probe.write_text(f'#!/bin/sh\necho "DJANGO_DEBUG=$DJANGO_DEBUG $1" >> {log}\n')
    probe.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "MAKEFLAGS", "MAKELEVEL"}}

    # -o: the virtualenv counts as installed; MANAGE: every manage.py call goes to the probe.
    subprocess.run(
        ["make", "-s", "-o", f"{settings.BASE_DIR}/.venv/.installed-stamp", "-o", ".venv/.installed-stamp",
         "data", f"MANAGE={probe}"],
        cwd=settings.BASE_DIR, env=env, check=True, capture_output=True,
    )  # fmt: skip

    assert log.read_text().splitlines() == [
        "DJANGO_DEBUG=1 compile_translations",
        "DJANGO_DEBUG=1 migrate",
        "DJANGO_DEBUG=1 load_reference_data",
        "DJANGO_DEBUG=1 load_recommendations",
        "DJANGO_DEBUG=1 sync_staff_group",
        "DJANGO_DEBUG=1 seed_demo",
    ]
