"""Who may order a civil-status document of a person, checked against the register.

Law 55-19's catalogue and the civil-status law (37-99) let the person, a parent, a spouse or a
child order an extract or a copy; the relation the applicant declares is checked against the
act itself, by names, so that nobody obtains a stranger's document by declaring a relation."""

from idara.text import fold

ALLOWED_RELATIONS = ("self", "parent", "spouse", "child")


def same_person(name: str, other: str) -> bool:
    """Two ways of writing one name: the same words, in any order, accents and case aside."""
    words = sorted(fold(name).split())
    return bool(words) and words == sorted(fold(other).split())


def names_of_person(act) -> list[str]:
    return [
        f"{act.given_name_fr} {act.family_name_fr}",
        f"{act.given_name_ar} {act.family_name_ar}",
    ]


def relation_holds(relation: str, applicant_name: str, act, applicant_birth_acts=()) -> bool:
    """Does the register bear out that the applicant is `relation` of the act's person?
    `applicant_birth_acts`: the birth acts of the register under the applicant's name, which
    name the applicant's parents (for a child)."""
    if relation == "self":
        candidates = names_of_person(act)
    elif relation == "parent":
        candidates = [act.father_fr, act.father_ar, act.mother_fr, act.mother_ar]
    elif relation == "spouse":
        candidates = [act.spouse_fr, act.spouse_ar]
    elif relation == "child":
        return any(
            any(same_person(name, parent) for name in names_of_person(act))
            for birth in applicant_birth_acts
            for parent in (birth.father_fr, birth.father_ar, birth.mother_fr, birth.mother_ar)
        )
    else:
        return False
    return any(same_person(applicant_name, c) for c in candidates if c)
