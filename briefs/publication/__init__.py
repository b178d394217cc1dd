"""Publication after the round: the panel's public page with its brief and the statements.

Decisions:
- One switch per panel, ``Brief.published_at``: the public page, the public PDF files and the feed all
  read it, so unpublishing (a panel, or the whole round in one click) removes everything at once.
- Statements appear only with the speaker's consent (``consent_publish_statement``); the name and the
  organisation each need their own consent; the risk flag overrides every consent.
- Publishing is refused before the round's last day is over (Geneva time).
"""
