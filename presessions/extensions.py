"""Extension points that apps above presessions fill in their ``AppConfig.ready()``.

presessions imports nothing from them (the layering contract forbids it); what it shows about their
rows comes through here.

``APPLICATION_COUNTS``: named aggregates that annotate the staff lists of rounds and Pre-sessions.
``register_application_counts(round_counts=..., presession_counts=...)`` takes mappings of annotation
name → zero-argument callable returning a Django aggregate (counted through ``presessions__applications``
on a Round, ``applications`` on a Presession). Without a registration the lists show no counts.
"""

APPLICATION_COUNTS = {"round": {}, "presession": {}}


def register_application_counts(*, round_counts, presession_counts):
    APPLICATION_COUNTS["round"].update(round_counts)
    APPLICATION_COUNTS["presession"].update(presession_counts)


def round_count_annotations():
    return {name: build() for name, build in APPLICATION_COUNTS["round"].items()}


def presession_count_annotations():
    return {name: build() for name, build in APPLICATION_COUNTS["presession"].items()}
