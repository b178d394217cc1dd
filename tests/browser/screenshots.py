"""Screenshots of the main pages of each role on the demo data, at phone (390 px) and desktop (1280 px).

    .venv/bin/python tests/browser/screenshots.py OUT_DIR [--checkout DIR]

Builds a throw-away SQLite database in a temporary folder with the checkout's own commands (migrate,
load_reference_data, seed_demo), serves it with ``runserver`` and saves one full-page PNG per page and
width as ``OUT_DIR/<role>-<page>-<width>.png``. ``--checkout`` points at another checkout (say, an older
commit in a ``git worktree``) to take "before" pictures with the same pages; the pages are reached by
paths that have not changed. Uses Debian's Chromium, as the browser tests do.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = [(390, 844), (1280, 900)]

# Run by the checkout's ``manage.py shell``: a session cookie per role and the ids the pages need.
SESSIONS = r"""
import json
from django.conf import settings
from django.test import Client
from core.models import User
from presessions.models import Presession, Round
from speakers.models import Application
try:
    from allauth.mfa.models import Authenticator
except ImportError:
    Authenticator = None

def session(email):
    user = User.objects.get(email=email)
    if Authenticator is not None and (user.is_staff or getattr(user, "is_reviewer", False)):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "screenshots"}}
        )
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value

round_ = Round.objects.order_by("-number").first()
applicant = User.objects.get(email="applicant-a@demo.example.org")
mine = Application.objects.filter(organisation__memberships__user=applicant)
application = mine.exclude(status="draft").first() or mine.first()
open_presession = Presession.objects.filter(round=round_).exclude(applications__in=mine).first()
presession = Presession.objects.filter(round=round_, applications__isnull=False).distinct().first()
reviewer = User.objects.get(email="reviewer@demo.example.org")
reviewed = Application.objects.filter(reviewer_assignments__reviewer=reviewer).first()
print("JSON" + json.dumps({
    "cookie": settings.SESSION_COOKIE_NAME,
    "sessions": {
        "applicant": session("applicant-a@demo.example.org"),
        "reviewer": session("reviewer@demo.example.org"),
        "staff": session("staff@demo.example.org"),
    },
    "round": round_.number,
    "application": application.token,
    "apply": open_presession.token,
    "presession": presession.pk,
    "reviewed": reviewed.pk,
    "state": presession.review.state.iso3,
}))
"""


def pages(ids):
    """``(role, name, path)`` of the pages to photograph."""
    return [
        ("anonymous", "home", "/"),
        ("anonymous", "call", f"/p/calls/{ids['round']}/"),
        ("applicant", "applications", "/my/applications/"),
        ("applicant", "application", f"/my/applications/{ids['application']}/"),
        ("applicant", "apply", f"/my/apply/{ids['apply']}/"),
        ("reviewer", "reviews", "/review/"),
        ("reviewer", "assess", f"/review/applications/{ids['reviewed']}/"),
        ("staff", "round", f"/staff/rounds/{ids['round']}/"),
        ("staff", "board", f"/staff/presessions/{ids['presession']}/board/"),
        ("staff", "dashboard", f"/staff/rounds/{ids['round']}/dashboard/"),
        ("staff", "state-history", f"/staff/states/{ids['state']}/history/"),
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, deadline_seconds=60.0):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 (our own local server)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit(f"The server at {url} did not answer within {deadline_seconds:.0f} s.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[2])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    checkout = args.checkout.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **{key: value for key, value in os.environ.items() if key not in {"CELERY_BROKER_URL"}},
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{scratch}/media",
            "DJANGO_DEBUG": "1",
        }

        def manage(*command, **kwargs):
            return subprocess.run(  # noqa: S603 (fixed commands)
                [sys.executable, "manage.py", *command], cwd=checkout, env=env, check=True, **kwargs
            )

        for command in (["migrate", "--noinput"], ["load_reference_data"], ["seed_demo"]):
            manage(*command, stdout=subprocess.DEVNULL)
        shell = manage("shell", input=SESSIONS, capture_output=True, text=True)
        ids = json.loads(next(line[4:] for line in shell.stdout.splitlines() if line.startswith("JSON")))
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=checkout,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/")
            shoot(base, ids, args.out)
        finally:
            server.terminate()
            server.wait(timeout=30)


def shoot(base, ids, out):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for width, height in WIDTHS:
            contexts = {}
            for role, name, path in pages(ids):
                if role not in contexts:
                    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
                    if role in ids["sessions"]:
                        context.add_cookies(
                            [{"name": ids["cookie"], "value": ids["sessions"][role], "url": base}]
                        )
                    contexts[role] = context.new_page()
                page = contexts[role]
                response = page.goto(base + path, wait_until="networkidle")
                overflow = page.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                target = out / f"{role}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{target}  HTTP {response.status}  sideways scroll {overflow} px")
        browser.close()


if __name__ == "__main__":
    main()
