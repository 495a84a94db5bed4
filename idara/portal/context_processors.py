from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from idara.portal.languages import LANGUAGE_NAMES, TAMAZIGHT, in_tamazight


def languages(request):
    """The page's direction, and a link to the same page in each other language."""
    current = get_language()
    path = request.get_full_path()
    return {
        "text_direction": "rtl" if get_language_info(current)["bidi"] else "ltr",
        "language_links": [
            {"code": code, "name": LANGUAGE_NAMES[code], "url": translate_url(path, code)}
            for code, _name in settings.LANGUAGES
            if code != current and (code != TAMAZIGHT or in_tamazight(request))
        ],
    }
