"""Attendance on the day: delegates checked in per panel (from the RSVP, or walk-ins), and the figures
UPR Info reports (invited, answered, expected, attended, Missions per regional group, the SuR's own
Mission present), per panel and per round, with SVG charts and CSV/XLSX exports.

The check-in page is built for a phone on a slow connection: one small server-rendered page, search by
State or name, one tap (a POST) per delegate; with htmx the tap swaps only that Mission's row, without
JavaScript the form posts and the page comes back at the same place.
"""
