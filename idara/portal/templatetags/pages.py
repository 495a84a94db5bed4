"""Links between the pages of a list, keeping the filters the reader chose."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with `page` set to `number`."""
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()
