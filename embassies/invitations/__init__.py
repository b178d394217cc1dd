"""Invitations of Permanent Missions (and of moderators) to Pre-session panels.

Decisions:
- One ``Invitation`` per Mission per panel (a unique constraint); moderators get one each too. Staff
  build a panel's guest list with combinable rules (``targeting.py``) and see it before anything is
  sent; the SuR's own Mission is always on it, with the offer of the 2-minute opening.
- Sending (``services.send_invitations``) groups a batch by recipient: a diplomat whose Mission is
  invited to several panels of the batch gets one mail listing them, with one .ics for all of them.
  Each mail is an outbox row with an idempotency key, so resending a batch sends nothing twice.
- The RSVP link ``/i/<token>/`` carries a random token scoped to one invitation (never a primary key);
  staff may revoke it (a new token is drawn) or forbid forwarding (the first browser binds it).
"""
