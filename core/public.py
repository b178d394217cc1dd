"""URL names an anonymous visitor may open. Everything else must refuse them.

``tests/core/test_url_permissions.py`` walks the whole URL configuration and proves it. When you add a
public view (a token page under ``/p/...``, a public programme), add its namespaced URL name here.
"""

PUBLIC_URL_NAMES = frozenset(
    {
        # core
        "core:home",
        "core:healthz",
        # presessions: the public page of a call for applications
        "presessions:call_detail",
        # presessions: the published programme, its panels, calendars, open exports and API
        "presessions:public_programme",
        "presessions:round_ics",
        "presessions:frab_json",
        "presessions:frab_xml",
        "presessions:public_panel",
        "presessions:panel_live",
        "presessions:panel_ics",
        "presessions:personal_feed",
        "presessions:api_programme",
        # embassies: a diplomat's personal RSVP page and its calendar file (random, revocable token)
        "embassies:rsvp",
        "embassies:rsvp_calendar",
        # briefs: a published panel page, its brief PDFs and the round's feed of published panels
        "briefs:panel_public",
        "briefs:panel_public_pdf",
        "briefs:round_feed",
        # briefs: a Mission's or speaker's personal link to a brief (no login)
        "briefs:brief_link",
        "core:set_language",
        "set_language",  # Django's own, if a branch still includes django.conf.urls.i18n
        # allauth: signing in and up, verifying an address, recovering a password
        "account_login",
        "account_logout",
        "account_signup",
        "account_inactive",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_request_login_code",
        "account_confirm_login_code",
        # allauth MFA: the second step of signing in (only with a pending login)
        "mfa_authenticate",
        "mfa_login_webauthn",
        # the admin's login view redirects to allauth's
        "admin:login",
        "admin:logout",
    }
)
