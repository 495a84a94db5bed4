"""The interface's languages: Arabic and French everywhere; Tamazight (`zgh`, Tifinagh) on the
public pages, the ones anyone reads without an account. Elsewhere a Tamazight reader gets the
page in Arabic, the administration's first language."""

from django.conf.locale import LANG_INFO
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils.translation import get_language

TAMAZIGHT = "zgh"
INSTEAD_OF_TAMAZIGHT = "ar"
# Django knows no Standard Moroccan Tamazight: its direction and its name in itself.
LANG_INFO.setdefault(
    TAMAZIGHT,
    {"bidi": False, "code": TAMAZIGHT, "name": "Tamazight", "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ"},
)
# Each language named in itself, as a reader of that language looks for it.
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", TAMAZIGHT: "ⵜⴰⵎⴰⵣⵉⵖⵜ"}
PUBLIC_PAGES = {
    "portal:home",
    "portal:collectivities",
    "portal:collectivity",
    "portal:procedures",
    "portal:procedure",
    "transparency:ranking",
    "transparency:region",
    "transparency:methodology",
    "transparency:open_data",
    "transparency:scorecard",
    "transparency:budgets",
    "transparency:budget",
    "permits:register",
    "verify",
    "verify_by_code",
}


def in_tamazight(request) -> bool:
    """Whether this page is one of those offered in Tamazight."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in PUBLIC_PAGES


class TamazightOnPublicPages:
    """A page outside the public ones asked in Tamazight is sent to its Arabic address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if get_language() != TAMAZIGHT or in_tamazight(request):
            return None
        return redirect(translate_url(request.get_full_path(), INSTEAD_OF_TAMAZIGHT))
