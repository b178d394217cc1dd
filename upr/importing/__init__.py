"""Importers of past UPR recommendations (UPR Info CSV exports, OHCHR Word matrices).

Modules: ``sources`` (what a file is, size cap, ``SourceRow``), ``upr_info`` (encoding detection and
CSV rows), ``ohchr_matrix`` (.docx table rows), ``reference`` (States through ``upr.names``, Reviews,
issues, loaded once), ``loader`` (the service ``import_recommendations``: resolve, merge, validate),
``matching`` (UPR Info rows onto matrix paragraphs), ``writer`` (compare with the database, write
only differences), ``report`` (problems with file and lines, counts), ``jobs`` (background import for
staff uploads), ``forms``/``views``/``admin``.

Decisions:
- Natural key ``(review, text_key)``; ``text_key`` = SHA-256 of the text after NFKC, quote/dash
  unification, white-space collapse, casefolding and trailing punctuation removal. Rows of one Review
  with that same key are one recommendation (States and issues united). When they carry different
  responses or (OHCHR) different paragraph numbers they were different recommendations of the report
  and stay apart; their key then also hashes the response (and paragraph).
- Each format updates only the fields it publishes: importing an OHCHR matrix over UPR Info data keeps
  the UPR Info issues and action category.
- When both formats cover a Review, the matrix paragraph is the unit (``matching``): UPR Info rows are
  matched to it by normalised text and recommending State (a joint paragraph absorbs its per-State
  rows), it keeps its number and the matrix's response and takes the UPR Info issues and category;
  what is left unmatched on either side is reported and kept.
- No history rows for imports: writes are bulk (``executemany``/``bulk_update``), which send no
  signals; ``HistoricalRecords`` on ``Recommendation`` records staff edits in the admin only.
- UPR Info's ``(Unknown)`` recommending State (9 rows of Indonesia, session 1) is imported without a
  State, with a warning; ``Voluntary Pledge`` rows are refused (pledges are not recommendations).
"""
