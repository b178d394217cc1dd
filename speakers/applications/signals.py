"""Extension points of applications, sent explicitly by the services (never ``post_save``).

``place_freed(sender=Application, application, reason)``: a selected or confirmed application was
withdrawn, inside the withdrawal's transaction. ``speakers.selection`` connects to it in
``SpeakersConfig.ready()`` to offer the place to the best reserve.
"""

from django.dispatch import Signal

place_freed = Signal()
