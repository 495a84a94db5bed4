"""Issue 6: "an extract or a full copy, by the person, a parent, a spouse or a child (the
relation declared and checked against the act)"."""

from types import SimpleNamespace

from idara.civil_status.relations import relation_holds, same_person

ACT = SimpleNamespace(
    given_name_fr="Amina",
    family_name_fr="El Idrissi",
    given_name_ar="أمينة",
    family_name_ar="الإدريسي",
    father_fr="Mohammed El Idrissi",
    father_ar="محمد الإدريسي",
    mother_fr="Fatima Zahra Bennani",
    mother_ar="",
    spouse_fr="Youssef Alaoui",
    spouse_ar="",
)


def test_a_name_is_the_same_in_any_order_case_and_accents_aside():
    assert same_person("EL IDRISSI Amina", "Amina El Idrissi")
    assert same_person("Fatima Zahra Bennani", "Fâtima-Zahra BENNANI")
    assert not same_person("Amina El Idrissi", "Amina Idrissi")
    assert not same_person("", "")


def test_the_person_themself():
    assert relation_holds("self", "Amina El Idrissi", ACT)
    assert relation_holds("self", "أمينة الإدريسي", ACT)
    assert not relation_holds("self", "Karim Bennani", ACT)


def test_a_parent_named_on_the_act():
    assert relation_holds("parent", "Mohammed El Idrissi", ACT)
    assert relation_holds("parent", "Bennani Fatima Zahra", ACT)
    assert not relation_holds("parent", "Amina El Idrissi", ACT)


def test_a_spouse_named_in_the_margin():
    assert relation_holds("spouse", "Youssef Alaoui", ACT)
    assert not relation_holds("spouse", "Mohammed El Idrissi", ACT)


def test_a_child_whose_own_birth_act_names_the_person_as_parent():
    child_act = SimpleNamespace(
        father_fr="Youssef Alaoui", father_ar="", mother_fr="Amina El Idrissi", mother_ar=""
    )
    assert relation_holds("child", "Salma Alaoui", ACT, [child_act])
    assert not relation_holds("child", "Salma Alaoui", ACT, [])


def test_a_representative_is_not_checked_online():
    assert not relation_holds("representative", "Amina El Idrissi", ACT)
