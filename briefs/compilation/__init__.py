"""A brief per panel, compiled from approved statements and the recommendation history.

Decisions:
- ``Brief`` holds only what staff write (summary, contacts, the order of the statements); everything else
  is compiled on demand (``compile.compile_brief``) so a brief is never stale.
- A brief is handed to diplomats, the SuR's own Mission included: it is treated as public. A speaker
  flagged at risk is left out entirely (name, organisation and statement); a speaker without consent
  appears as "a national/international organisation" and only their recommendations are shown.
- Earlier recommendations shown per issue are those the speakers followed up; the counts by issue ×
  response cover every earlier recommendation to the SuR on those issues.
"""
