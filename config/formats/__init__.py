"""One date and time format per language (``FORMAT_MODULE_PATH``), used by every page, mail and admin.

Templates name the format (``|date:"DATETIME_FORMAT"``, ``"SHORT_DATE_FORMAT"``...), never spell one
out; Python code uses ``django.utils.formats.date_format``. Times carry the zone abbreviation (CET or
CEST: Geneva time, the project's ``TIME_ZONE``). What a module does not define (input formats, number
separators) comes from Django's own locale formats.
"""
