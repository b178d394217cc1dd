"""Load benchmark (issue 12, item 13): the call deadline under load. Not a test; run it by hand:

    .venv/bin/python tests/benchmarks/load_deadline.py                 # 200 applicants, deadline in 120 s
    .venv/bin/python tests/benchmarks/load_deadline.py --applicants 50 --deadline-in 60 --keep

On loopback only, it sets up and starts everything itself, with production settings (DJANGO_DEBUG=0):
- a PostgreSQL database of its own (``upr_loadtest``, dropped and created again; ``--database``), with the
  reference data, a round whose call closes ``--deadline-in`` seconds after the load starts, and one
  organisation, verified account, signed-in session and complete draft per applicant;
- gunicorn (3 workers × 4 threads) and a real Celery worker (queues celery + mail, Redis db 10, flushed first;
  mail to ``dummymail://``);
- Locust, headless (``locust_deadline.py``): the applicants edit their drafts every few seconds and submit
  once, 85 % in the last 90 seconds before the deadline and 15 % up to 25 seconds after it; anonymous
  readers load the call page meanwhile.

Then it prints requests, failures and p50/p95/p99 per endpoint, and checks (exit 1 if one fails):
0 server errors (gunicorn's access log); every applicant who got the success page is ``submitted`` with a
time before the deadline; every refused one got "The call for this Pre-session closed on …" and still
has its draft with its last saved edit; no application submitted without a success page; every
confirmation mail queued exactly once (outbox rows by idempotency key), none for refused ones.
Needs PostgreSQL on 127.0.0.1:5432 (postgres/postgres) and Redis on 127.0.0.1:6379.
"""

import argparse
import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locust_deadline.py")
ON_TIME_SHARE = 0.85


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--deadline-in", type=int, default=120, help="seconds from the start of the load")
    parser.add_argument("--database", default="upr_loadtest")
    parser.add_argument("--pg", default="postgres://postgres:postgres@127.0.0.1:5432")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(args, port, work):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        {
            "DATABASE_URL": f"{args.pg}/{args.database}",
            "CELERY_BROKER_URL": args.broker,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "EMAIL_URL": "dummymail://",
            "DJANGO_VAR_DIR": str(work / "var"),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
        }
    )
    return env


def _recreate_database(args):
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as server:
        name = sql.Identifier(args.database)
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        server.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _drop_database(args):
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.database))
        )


def _manage(env, *command):
    started = time.monotonic()
    subprocess.run(
        [str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    print(f"  manage.py {' '.join(command)}: {time.monotonic() - started:.0f} s", flush=True)


def _django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _seed(args):
    """The round (call open for an hour until the load starts), applicants, sessions and drafts."""
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.test import Client
    from django.utils import timezone

    from core.models import User
    from presessions import services as round_services
    from speakers.applications import services
    from speakers.models import Organisation, OrganisationMembership
    from upr.models import Issue, State, WorkingGroupSession

    session = WorkingGroupSession.objects.filter(reviews__isnull=False).order_by("-number").first()
    now = timezone.now()
    round_ = round_services.create_round(
        session=session,
        venue="Palais des Nations, Geneva",
        call_opens_at=now - dt.timedelta(days=30),
        call_closes_at=now + dt.timedelta(hours=1),
        call_intro_en="Load test call.",
    )
    round_ = round_services.open_call(round_)
    presessions = list(round_.presessions.select_related("review__state"))
    issue = Issue.objects.order_by("pk").first()
    country = State.objects.get(iso3="CHE")
    applicants = []
    for index in range(args.applicants):
        # No password (hashing 200 costs minutes): the applicants arrive signed in (a session each).
        user = User.objects.create_user(email=f"applicant{index}@load.example.org", password=None)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        organisation = Organisation.objects.create(name=f"Load test organisation {index}", country=country)
        OrganisationMembership.objects.create(
            user=user, organisation=organisation, role=OrganisationMembership.Role.ADMIN
        )
        application = services.create_draft_application(
            presession=presessions[index % len(presessions)],
            organisation=organisation,
            user=user,
            speaker_name=f"Speaker {index}",
            speaker_position="Coordinator",
            speaker_email=f"speaker{index}@load.example.org",
            speaker_gender="woman",
            issues=[issue],
        )
        client = Client()
        client.force_login(user)
        applicants.append({"token": application.token, "session": client.cookies["sessionid"].value})
    return round_, applicants


def _start(env, work, port):
    worker = subprocess.Popen(  # noqa: S603
        [str(BIN / "celery"), "-A", "config", "worker", "--concurrency=2", "--queues=celery,mail",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=open(work / "worker.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        start_new_session=True,
    )  # fmt: skip
    web = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3",
         "--threads", "4", "--timeout", "60", "--keep-alive", "30",
         "--access-logfile", str(work / "access.log"),
         "--access-logformat", '%(s)s %(m)s %(U)s %(M)s'],
        cwd=ROOT, env=env, stdout=open(work / "gunicorn.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return worker, web
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer /healthz in 60 s (see {work / 'gunicorn.log'})")


def _stop(*processes):
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _schedule(applicants, deadline):
    rng = random.Random(12)  # noqa: S311 - a benchmark's reproducible schedule
    on_time = round(len(applicants) * ON_TIME_SHARE)
    for index, entry in enumerate(applicants):
        if index < on_time:
            entry["submit_at"] = deadline - rng.uniform(1, 90)
        else:
            entry["submit_at"] = deadline + rng.uniform(1, 25)
    rng.shuffle(applicants)


def _run_locust(env, work, port, args, run_seconds):
    command = [
        str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", f"http://127.0.0.1:{port}",
        "-u", str(args.applicants + args.readers), "-r", "50", "--run-time", f"{run_seconds}s",
        "--csv", str(work / "locust"), "--only-summary", "--stop-timeout", "10",
    ]  # fmt: skip
    locust_env = {
        **env,
        "LOAD_DEADLINE_DATA": str(work / "data.json"),
        "LOAD_DEADLINE_OUTCOMES": str(work / "outcomes.jsonl"),
    }
    subprocess.run(
        command,
        cwd=ROOT,
        env=locust_env,
        check=False,
        stdout=open(work / "locust.log", "w"),
        stderr=subprocess.STDOUT,
    )  # noqa: S603, SIM115


def _print_stats(work):
    print(
        f"\n{'endpoint':34}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}"
    )
    with open(work / "locust_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Name"] != "Aggregated" else "all"
            print(
                f"{name:34}{row['Request Count']:>9}{row['Failure Count']:>9}{row['50%']:>8}{row['95%']:>8}"
                f"{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
            )
    with open(work / "locust_failures.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            print(f"  failure: {row['Name']}: {row['Error']} × {row['Occurrences']}")


def _server_errors(work):
    statuses = [line.split()[0] for line in (work / "access.log").read_text().splitlines() if line.strip()]
    return len(statuses), sum(1 for status in statuses if status.startswith("5"))


def _wait_for_mail(seconds=90):
    from core.models import OutboundMail

    end = time.monotonic() + seconds
    while time.monotonic() < end and OutboundMail.objects.exclude(status=OutboundMail.Status.SENT).exists():
        time.sleep(1)


def _check(round_, deadline, work):
    """The guarantees, each as (label, ok, detail)."""
    import datetime as dt
    from collections import Counter

    from core.models import OutboundMail
    from speakers.models import Application

    outcomes = [json.loads(line) for line in (work / "outcomes.jsonl").read_text().splitlines()]
    applications = {a.token: a for a in Application.objects.filter(presession__round=round_)}
    deadline_at = dt.datetime.fromtimestamp(deadline, tz=dt.UTC)
    counts = Counter(o["outcome"] for o in outcomes)
    success = [o for o in outcomes if o["outcome"] == "success"]
    refused = [o for o in outcomes if o["outcome"] == "closed"]

    def wrong_success(o):
        application = applications[o["token"]]
        return application.status != "submitted" or application.submitted_at >= deadline_at

    def wrong_refusal(o):
        application = applications[o["token"]]
        edited = o["last_position"] and application.speaker_position != o["last_position"]
        return application.status != "draft" or edited

    bad_success = [o["token"] for o in success if wrong_success(o)]
    bad_refused = [o["token"] for o in refused if wrong_refusal(o)]
    submitted = {token for token, a in applications.items() if a.status == "submitted"}
    # One confirmation per recipient (applicant and speaker): key application-submitted:<pk>:<email>.
    rows = OutboundMail.objects.filter(idempotency_key__startswith="application-submitted:")
    queued = Counter(key.rsplit(":", 1)[0] for key in rows.values_list("idempotency_key", flat=True))
    expected = {
        f"application-submitted:{a.pk}": (2 if token in submitted else 0) for token, a in applications.items()
    }
    mail_problems = [key for key, n in expected.items() if queued.get(key, 0) != n]
    sent = rows.filter(status=OutboundMail.Status.SENT).count()
    attempts = sorted(set(rows.values_list("attempts", flat=True)))
    late_sent = sum(1 for o in refused if o["sent"] >= deadline)
    total, server_errors = _server_errors(work)
    finished = counts.get("other", 0) == 0 and len(outcomes) == len(applications)
    just_before = len(refused) - late_sent
    return counts, [
        ("5xx answers", server_errors == 0, f"{total} requests, {server_errors} with 5xx"),
        ("every applicant got a result page", finished, f"{dict(counts)} of {len(applications)}"),
        (
            "success page ⇒ submitted before the deadline",
            not bad_success,
            f"{len(success)} successes, {len(bad_success)} wrong",
        ),
        (
            "refused ⇒ clear message, draft and last edit kept",
            not bad_refused,
            f"{len(refused)} refused ({late_sent} sent after the deadline, {just_before} sent just before "
            f"it and processed after), {len(bad_refused)} wrong",
        ),
        (
            "submitted in the database ⇒ got the success page",
            submitted == {o["token"] for o in success},
            f"{len(submitted)} submitted",
        ),
        (
            "confirmation mail queued exactly once per submission, none otherwise",
            not mail_problems,
            f"{sum(queued.values())} queued (applicant + speaker), {sent} sent by the worker "
            f"(attempts per mail: {attempts}), {len(mail_problems)} wrong",
        ),
    ]


def main():
    args = _arguments()
    work = Path(tempfile.mkdtemp(prefix="load-deadline-"))
    port = _free_port()
    env = _environment(args, port, work)
    print(f"Load benchmark of the call deadline; files in {work}", flush=True)
    _recreate_database(args)
    subprocess.run(
        [str(BIN / "python"), "-c", f"import redis; redis.Redis.from_url({args.broker!r}).flushdb()"],
        check=True,
    )  # noqa: S603
    _manage(env, "compile_translations")
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_reference_data")
    _django(env)
    started = time.monotonic()
    round_, applicants = _seed(args)
    print(
        f"  {len(applicants)} applicants with a draft, signed in: {time.monotonic() - started:.0f} s",
        flush=True,
    )
    worker, web = _start(env, work, port)
    try:
        import datetime as dt

        from presessions import services as round_services

        deadline = time.time() + args.deadline_in
        round_ = round_services.update_round(
            round_, call_closes_at=dt.datetime.fromtimestamp(deadline, tz=dt.UTC)
        )
        _schedule(applicants, deadline)
        call_path = f"/p/calls/{round_.token}/"
        (work / "data.json").write_text(
            json.dumps(
                {
                    "applicants": applicants,
                    "readers": args.readers,
                    "call_path": call_path,
                    "deadline": deadline,
                }
            )
        )
        print(
            f"  deadline in {args.deadline_in} s; load starts: {args.applicants} applicants, "
            f"{args.readers} readers",
            flush=True,
        )
        _run_locust(env, work, port, args, args.deadline_in + 90)
        _wait_for_mail()
    finally:
        _stop(web, worker)
    _print_stats(work)
    counts, checks = _check(round_, deadline, work)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, ok, detail in checks:
        print(f"  {'OK  ' if ok else 'FAIL'} {label}: {detail}")
    if not args.keep:
        from django.db import connections

        connections.close_all()
        _drop_database(args)
    sys.exit(0 if all(ok for _label, ok, _detail in checks) else 1)


if __name__ == "__main__":
    main()
