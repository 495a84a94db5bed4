"""Morocco's public holidays: `holidays` (country MA) corrected by the administrator's table.

Islamic holidays follow the moon sighting and can move by a day, so an administrator adds the
day actually observed and removes the one `holidays` estimated. Pure Python, like the clock.
"""

from collections.abc import Collection, Iterable
from datetime import date

import holidays as holiday_tables


def public_holidays(
    years: Iterable[int], *, added: Collection[date] = (), removed: Collection[date] = ()
) -> frozenset[date]:
    estimated = holiday_tables.country_holidays("MA", years=sorted(set(years)))
    return frozenset((set(estimated) | set(added)) - set(removed))
