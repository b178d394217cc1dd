"""Random tokens for public URLs and join links: unguessable, URL-safe, revocable by replacing them."""

import secrets


def new_token():
    return secrets.token_urlsafe(16)
