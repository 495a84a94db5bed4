"""An action a page's form sent and a service refused: the page is shown again, with the
reason beside that form and what the person typed still in it."""

from dataclasses import dataclass

from django.http import QueryDict


@dataclass(frozen=True)
class Refused:
    action: str  # which form of the page was sent
    reason: str
    typed: QueryDict
