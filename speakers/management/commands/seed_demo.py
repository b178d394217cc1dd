"""``manage.py seed_demo``: a small demo round with accounts (idempotent; needs the reference data)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from speakers.demo import DemoError, seed_demo


class Command(BaseCommand):
    help = "Create a demo Pre-session round, organisations, accounts and applications (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off (creates known passwords!)"
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with known passwords: run it with DJANGO_DEBUG=1.")
        try:
            result = seed_demo()
        except DemoError as error:
            raise CommandError(str(error)) from error
        round_ = result.round
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo: {round_} for WG {round_.session.number} ({result.created} rows created)."
            )
        )
        call_page = absolute_url("presessions:call_detail", key=round_.number)
        # The deadline as the pages show it: the active language's DATETIME_FORMAT, in Geneva time.
        deadline = formats.date_format(timezone.localtime(round_.call_closes_at), "DATETIME_FORMAT")
        write(f"  Call open until {deadline} ({_('Geneva time')}, demo dates); public call page: {call_page}")
        write("  Demo accounts (demo passwords, set when first created):")
        for account in result.accounts:
            write(f"    {account.role:<12} {account.email:<32} password: {account.password}")
            if account.totp_secret:
                write(f"    {'':<12} TOTP secret: {account.totp_secret}")
                write(f"    {'':<12} {account.totp_url}")
        write(
            "  Staff and reviewers must pass two-factor authentication: add the TOTP secret (or the "
            "otpauth:// link) to an authenticator app, then sign in with the 6-digit code it shows."
        )
