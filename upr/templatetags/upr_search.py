from django import template

from upr.search import highlight as highlight_text

register = template.Library()


@register.filter
def highlight(text, words):
    """``{{ recommendation.text|highlight:search_words }}``: escaped text with the search words marked."""
    return highlight_text(text, words or ())
