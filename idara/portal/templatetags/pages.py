"""Links between the pages of a list, keeping the filters the reader chose."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with `page` set to `number`."""
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()


def _refused_here(context, action: str):
    refused = context.get("refused")
    return refused if refused is not None and refused.action == action else None


@register.simple_tag(takes_context=True)
def typed(context, action: str, field: str, of="") -> str:
    """What was typed in `field` of the form `action` (of one item of the page, `of`), when
    the page shows it again after a refusal (idara.refusals); empty otherwise."""
    refused = _refused_here(context, _name(action, of))
    return refused.typed.get(field, "") if refused else ""


@register.inclusion_tag("refused_reason.html", takes_context=True)
def refused_reason(context, action: str, of="") -> dict:
    """Why the form `action` (of one item of the page, `of`) was refused, beside it; nothing
    when it was not."""
    name = _name(action, of)
    refused = _refused_here(context, name)
    return {"action": name, "reason": refused.reason if refused else ""}


def _name(action: str, of) -> str:
    return f"{action}-{of}" if of != "" else action
