"""Locust users of ``load_deadline.py`` (run by it; not a test and not a benchmark on its own).

``LOAD_DEADLINE_DATA`` names a JSON file written by ``load_deadline.py``: the deadline (epoch seconds), the
call page's path and one entry per applicant (session cookie, application token, when to submit).
Each ``Applicant`` takes one entry: it edits its draft (form read, one field changed, posted) every 10 to
25 seconds (none starting in the last 20 seconds before its submit time), submits once at that time,
reads the result page and records what the page said.
``Reader`` is an anonymous visitor of the call page. Outcomes go to ``LOAD_DEADLINE_OUTCOMES`` (JSON
lines) when Locust stops.
"""

import itertools
import json
import os
import random
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ["LOAD_DEADLINE_DATA"], encoding="utf-8").read())  # noqa: SIM115
NEXT = itertools.count()
OUTCOMES = []
SUCCESS = "Your application is submitted."
CLOSED = "The call for this Pre-session closed on"


class FormFields(HTMLParser):
    """The values a browser would post for the application form (files left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self._select, self._textarea, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and "enctype" in attrs:
            self._in_form = True
        if not self._in_form or not attrs.get("name"):
            if tag == "option" and self._select and "selected" in attrs:
                self.fields.append((self._select, attrs.get("value", "")))
            return
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind not in ("file", "submit", "button"):
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


class Applicant(HttpUser):
    weight = 10
    fixed_count = len(DATA["applicants"])
    EDIT_EVERY = (10, 25)  # seconds between two saves of the draft
    EDIT_MARGIN = 20  # no edit started less than this before the submit time: it could make it late

    def wait_time(self):
        if self.done:
            return 5
        left = self.entry["submit_at"] - time.time()
        return max(0.0, min(random.uniform(*self.EDIT_EVERY), left))  # noqa: S311

    def on_start(self):
        self.entry = DATA["applicants"][next(NEXT)]
        self.client.cookies.set("sessionid", self.entry["session"])
        self.client.cookies.set("django_language", "en")
        self.base = f"/my/applications/{self.entry['token']}/"
        self.edits = 0
        self.done = False
        # The applicant has the application open (and so the CSRF cookie) before submitting.
        self.client.get(self.base, name="GET application")

    @task
    def work(self):
        if self.done:
            return
        left = self.entry["submit_at"] - time.time()
        if left > self.EDIT_MARGIN:
            self.edit()
            return
        time.sleep(max(0.0, left))
        self.submit()

    def edit(self):
        with self.client.get(self.base + "edit/", name="GET draft form", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"draft form answered {page.status_code}")
                return
            parser = FormFields()
            parser.feed(page.text)
        self.edits += 1
        data = [(k, v) for k, v in parser.fields if k != "speaker_position"]
        data.append(("speaker_position", f"Coordinator, edit {self.edits}"))
        with self.client.post(
            self.base + "edit/", data=data, name="POST draft", allow_redirects=False, catch_response=True
        ) as saved:
            if saved.status_code != 302:
                saved.failure(f"saving the draft answered {saved.status_code}")
            else:
                self.entry["last_position"] = f"Coordinator, edit {self.edits}"

    def submit(self):
        self.done = True
        sent = time.time()
        with self.client.post(
            self.base + "submit/",
            data={"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={
                "Referer": self.host + self.base,
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            },
            name="POST submit",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"submit answered {answer.status_code}")
        result = self.client.get(self.base, name="GET application (result)")
        outcome = "success" if SUCCESS in result.text else "closed" if CLOSED in result.text else "other"
        OUTCOMES.append(
            {
                "token": self.entry["token"],
                "outcome": outcome,
                "sent": sent,
                "status": answer.status_code,
                "last_position": self.entry.get("last_position"),
            }
        )


class Reader(HttpUser):
    weight = 1
    fixed_count = DATA["readers"]
    wait_time = between(1, 3)

    @task
    def read_call(self):
        self.client.get(DATA["call_path"], name="GET call page (anonymous)")


@events.quitting.add_listener
def _write_outcomes(environment, **kwargs):
    with open(os.environ["LOAD_DEADLINE_OUTCOMES"], "w", encoding="utf-8") as handle:
        for outcome in OUTCOMES:
            handle.write(json.dumps(outcome) + "\n")
