"""Reads of core rows shared by every app."""

from django.contrib.auth import get_user_model


def staff_recipients():
    """The secretariat members who receive staff mails (withdrawals, free places): active staff, by id."""
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk")
