from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter for this project (mail through the outbox is added with the outbox)."""
