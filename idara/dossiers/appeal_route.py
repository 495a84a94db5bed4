"""R9 (Law 55-19 art. 21): the route of an appeal, in words, the same on every page and every
document that states it (the fiche, the receipt, the refusal, the applicant's dossier).

For an act of a collectivity the appeal goes to its president, who answers within 15 days;
without an answer the user may refer it to the wali or the governor, who writes to the
president, who then decides within 10 days of receiving the letter."""

from django.utils import translation
from django.utils.translation import gettext as _

from idara.dossiers.legal import AFTER_GOVERNOR_LETTER_DAYS, APPEAL_ANSWER_DAYS


def appeal_route(collectivity, appeal_days: int, language: str | None = None) -> str:
    """The route in `language` (the active one by default), naming the collectivity's
    president and its province's or prefecture's governor (in general terms without one)."""
    with translation.override(language or translation.get_language()):
        arabic = translation.get_language() == "ar"
        province = collectivity.parent if collectivity else None
        facts = {
            "days": appeal_days,
            "collectivity": _name(collectivity, arabic) if collectivity else _("the collectivity"),
            "answer": APPEAL_ANSWER_DAYS,
            "governor": _name(province, arabic) if province else _("its province or prefecture"),
            "after_letter": AFTER_GOVERNOR_LETTER_DAYS,
        }
        route = _(
            "An appeal within %(days)s days of receiving the refusal (or of the deadline "
            "passing without an answer, where silence is not acceptance), to the president of "
            "the council of %(collectivity)s, who answers within %(answer)s days; without an "
            "answer, you may refer it to the wali or governor of %(governor)s, who writes to the "
            "president, who then decides within %(after_letter)s days of receiving the letter."
        )
        return route % facts


def _name(collectivity, arabic: bool) -> str:
    return (collectivity.name_ar or collectivity.name_fr) if arabic else collectivity.name_fr
