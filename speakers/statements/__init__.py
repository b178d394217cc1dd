"""Statements: what a selected speaker will say at the Pre-session, structured for the brief.

Decisions:
- One ``Statement`` per Application (the speaker's slot), written in the speaker's language. Its parts:
  introduction, national consultations, then one ``StatementSection`` per issue of the application with
  the follow-up of earlier recommendations (picked from the SuR's history), the situation since, 2–3
  ``StatementRecommendation`` (SMART; issue tags and the States suggested to make them) and questions.
- Every status change goes through ``services.transition_statement`` (``Statement.TRANSITIONS``);
  a staff comment is the same function with an action that keeps the status.
- Each submission stores a ``StatementVersion`` (plain text + structured content), so the speaker and
  staff see what changed since the last version (``diff.changes``).
- The round's ``statement_deadline`` (Geneva time) closes first submissions and draft edits; a
  statement sent back for changes may be corrected after it.
- Consent to publish the statement lives on the Statement; the application's ``at_risk`` flag
  overrides every consent (``Statement.may_publish``).
"""
