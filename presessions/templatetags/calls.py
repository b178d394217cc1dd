"""``{% open_call_links %}``: links to the calls open now, for pages that send people to apply."""

from django import template
from django.utils import timezone

from presessions.selectors import open_calls

register = template.Library()


@register.inclusion_tag("presessions/_open_call_links.html")
def open_call_links():
    return {"rounds": list(open_calls(timezone.now()))}
