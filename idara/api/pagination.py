from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 by default; a size above 500 gives 500 (CONTRACT.md: "up to 500"). A page
    or a size that is not a whole number from 1 is refused (400), not silently replaced."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        return min(_whole_number(asked, self.page_size_query_param), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        asked = request.query_params.getlist(self.page_query_param)
        if asked:
            _whole_number(asked, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1},
        }
        for parameter in parameters:
            parameter["schema"] |= bounds.get(parameter["name"], {})
        return parameters


def _whole_number(asked: list[str], name: str) -> int:
    try:
        (value,) = (int(text) for text in asked)
    except ValueError:
        value = 0
    if value < 1:
        raise ValidationError({name: [_("Enter one whole number from 1.")]})
    return value
