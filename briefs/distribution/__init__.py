"""Distribution: each Mission (and each speaker of the panel) gets a personal link ``/b/<token>/``.

Decisions:
- A link, not an attachment: mails stay small, and a link can be revoked. The link needs no login and
  opens the brief's PDF in the recipient's language (English, then any ready language, as fallback).
- Downloads are counted on the link's own row when it is opened; no tracking pixel, no third party.
- Audience: the Missions that accepted (RSVP "attending"), or every Mission invited and not withdrawn,
  as staff choose; speakers of the panel (selected or confirmed) get their panel's brief as well.
- Sending again reuses each recipient's link and the outbox key, so nobody gets the same mail twice.
"""
