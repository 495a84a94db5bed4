"""The form of each procedure: the fields an applicant fills, and nothing more.

The source data has no forms; these are Idara's, written from each fiche. The
applicant's identity and contact come from their account, and documents are
uploaded separately, so neither appears here.
"""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field(kind: str, fr: str, ar: str, **extra) -> dict:
    return {"type": kind, "x-label": {"fr": fr, "ar": ar}, **extra}


def text(fr: str, ar: str, max_length: int = 150, **extra) -> dict:
    return field("string", fr, ar, minLength=1, maxLength=max_length, **extra)


def long_text(fr: str, ar: str, max_length: int = 2000) -> dict:
    return text(fr, ar, max_length, **{"x-widget": "textarea"})


def day(fr: str, ar: str) -> dict:
    return field("string", fr, ar, format="date")


def whole(fr: str, ar: str, minimum: int = 0, maximum: int = 100_000) -> dict:
    return field("integer", fr, ar, minimum=minimum, maximum=maximum)


def surface(fr: str, ar: str) -> dict:
    return field("number", fr, ar, exclusiveMinimum=0, maximum=100_000_000, **{"x-unit": "m²"})


def amount(fr: str, ar: str) -> dict:
    return field("number", fr, ar, minimum=0, maximum=1_000_000_000, **{"x-unit": "MAD"})


def choice(fr: str, ar: str, options: dict[str, tuple[str, str]]) -> dict:
    labels = {value: {"fr": f, "ar": a} for value, (f, a) in options.items()}
    return field("string", fr, ar, enum=list(options), **{"x-enum-labels": labels})


def national_id(fr: str, ar: str) -> dict:
    return text(
        fr,
        ar,
        12,
        pattern="^[A-Z]{1,2}[0-9]{1,7}$",
        examples=["AB123456"],
        **{
            "x-hint": {
                "fr": "En majuscules, par exemple AB123456",
                "ar": "بالأحرف الكبيرة، مثلا AB123456",
            }
        },
    )


def address(fr: str = "Adresse", ar: str = "العنوان") -> dict:
    return long_text(fr, ar, 300)


def land_title() -> dict:
    return text(
        "Numéro du titre foncier ou de la réquisition",
        "رقم الرسم العقاري أو مطلب التحفيظ",
        30,
        pattern="^[0-9]{1,9}(/[0-9]{1,3})?$",
        examples=["12345/07"],
        **{"x-hint": {"fr": "Par exemple 12345/07", "ar": "مثلا 12345/07"}},
    )


def form(required: list[str], **properties) -> dict:
    return {
        "$schema": SCHEMA_DIALECT,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


RELATION = choice(
    "Votre lien avec la personne de l'acte",
    "صلتك بصاحب الرسم",
    {
        "self": ("La personne elle-même", "الشخص نفسه"),
        "parent": ("Son père ou sa mère", "الأب أو الأم"),
        "spouse": ("Son conjoint", "الزوج أو الزوجة"),
        "child": ("Son enfant", "الابن أو البنت"),
        "representative": ("Son représentant légal", "النائب الشرعي"),
    },
)
SEX = choice("Sexe", "الجنس", {"female": ("Féminin", "أنثى"), "male": ("Masculin", "ذكر")})
FAMILY_NAME = text("Nom de famille", "الاسم العائلي", 80)
GIVEN_NAME = text("Prénom", "الاسم الشخصي", 80)
ACT_NUMBER = whole("Numéro de l'acte", "رقم الرسم", 1, 10_000_000)
ACT_YEAR = whole("Année de l'acte", "سنة الرسم", 1900, 2100)
COPIES = whole("Nombre d'exemplaires", "عدد النسخ", 1, 10)
BOOKLET_HOLDER = text("Nom complet du titulaire du livret", "الاسم الكامل لصاحب الدفتر", 150)
PERSON_ACT = {
    "family_name": FAMILY_NAME,
    "given_name": GIVEN_NAME,
    "birth_date": day("Date de naissance", "تاريخ الازدياد"),
    "act_number": ACT_NUMBER,
    "act_year": ACT_YEAR,
    "relation": RELATION,
    "copies": COPIES,
}
ACT_REQUEST = form(list(PERSON_ACT), **PERSON_ACT)
DECEASED = {
    "deceased_family_name": text("Nom de famille du défunt", "الاسم العائلي للمتوفى", 80),
    "deceased_given_name": text("Prénom du défunt", "الاسم الشخصي للمتوفى", 80),
    "death_date": day("Date du décès", "تاريخ الوفاة"),
}
USE = choice(
    "Usage prévu",
    "الاستعمال المزمع",
    {
        "housing": ("Habitation", "سكن"),
        "commerce": ("Commerce ou bureaux", "تجارة أو مكاتب"),
        "mixed": ("Mixte", "مختلط"),
        "industry": ("Industrie ou artisanat", "صناعة أو صناعة تقليدية"),
        "facility": ("Équipement", "تجهيز"),
        "agriculture": ("Agricole", "فلاحي"),
    },
)
PROJECT = {
    "land_title": land_title(),
    "address": address("Adresse du terrain", "عنوان العقار"),
    "parcel_surface": surface("Surface du terrain", "مساحة العقار"),
    "built_surface": surface("Surface à construire (plancher)", "المساحة المغطاة المزمع بناؤها"),
    "floors": whole("Nombre de niveaux", "عدد الطوابق", 0, 60),
    "use": USE,
    "architect_name": text("Nom de l'architecte", "اسم المهندس المعماري", 120),
    "architect_order_number": text(
        "Numéro d'inscription à l'Ordre des architectes",
        "رقم التسجيل بهيئة المهندسين المعماريين",
        20,
    ),
    "engineer_name": text(
        "Ingénieur ou bureau d'études (structure)",
        "المهندس أو مكتب الدراسات (الهيكل)",
        120,
    ),
}
PERMIT_REFERENCE = text("Numéro de l'autorisation de construire", "رقم رخصة البناء", 40)
ACTIVITY = {
    "trade_name": text("Enseigne ou nom commercial", "الاسم التجاري", 120),
    "activity_type": choice(
        "Type d'activité",
        "نوع النشاط",
        {
            "shop": ("Commerce de détail", "تجارة بالتقسيط"),
            "cafe": ("Café, restaurant ou snack", "مقهى أو مطعم أو محلبة"),
            "cyber": ("Cyber-café (accès à Internet)", "مقهى الإنترنت"),
            "workshop": ("Atelier ou artisanat", "ورشة أو صناعة تقليدية"),
            "services": ("Services ou bureaux", "خدمات أو مكاتب"),
            "other": ("Autre", "أخرى"),
        },
    ),
    "activity": text("Activité exercée", "النشاط المزاول", 200),
    "address": address("Adresse de l'établissement", "عنوان المحل"),
    "surface": surface("Surface du local", "مساحة المحل"),
}
OCCUPATION = {
    "address": address("Emplacement sur le domaine public", "الموقع بالملك العمومي"),
    "surface": surface("Surface occupée", "المساحة المشغولة"),
    "duration_months": whole("Durée demandée (mois)", "المدة المطلوبة (بالأشهر)", 1, 120),
}
TAX_PERIOD = whole("Année d'imposition", "سنة الضريبة", 2000, 2100)
TAX_DECLARATION = form(
    ["tax", "tax_year", "basis"],
    tax=text("Taxe concernée", "الرسم المعني", 150),
    tax_year=TAX_PERIOD,
    basis=amount("Base imposable déclarée", "الوعاء الضريبي المصرح به"),
)

SCHEMAS = {
    "declaration-naissance": form(
        [
            "child_family_name",
            "child_given_name",
            "sex",
            "birth_date",
            "birth_place",
            "father_name",
            "mother_name",
        ],
        child_family_name=text("Nom de famille de l'enfant", "الاسم العائلي للمولود", 80),
        child_given_name=text("Prénom de l'enfant", "الاسم الشخصي للمولود", 80),
        sex=SEX,
        birth_date=day("Date de naissance", "تاريخ الازدياد"),
        birth_place=text("Lieu de naissance", "مكان الازدياد", 150),
        father_name=text("Nom complet du père", "الاسم الكامل للأب", 150),
        mother_name=text("Nom complet de la mère", "الاسم الكامل للأم", 150),
    ),
    "declaration-deces": form(
        [*DECEASED, "death_place", "declarant_relation"],
        **DECEASED,
        death_place=text("Lieu du décès", "مكان الوفاة", 150),
        declarant_relation=text("Votre lien avec le défunt", "صلتك بالمتوفى", 80),
    ),
    "extrait-acte-naissance": ACT_REQUEST,
    "copie-integrale-acte-naissance": ACT_REQUEST,
    "fiche-individuelle-etat-civil": ACT_REQUEST,
    "attestation-concordance": form(
        [*PERSON_ACT, "other_spelling"],
        **PERSON_ACT,
        other_spelling=text(
            "Orthographe à rapprocher (autre document)", "الكتابة المراد مطابقتها", 150
        ),
    ),
    "acte-de-deces-copie": form(
        [*DECEASED, "act_number", "act_year", "relation", "copies"],
        **DECEASED,
        act_number=ACT_NUMBER,
        act_year=ACT_YEAR,
        relation=RELATION,
        copies=COPIES,
    ),
    "livret-de-famille": form(
        ["husband_name", "wife_name", "marriage_date"],
        husband_name=text("Nom complet de l'époux", "الاسم الكامل للزوج", 150),
        wife_name=text("Nom complet de l'épouse", "الاسم الكامل للزوجة", 150),
        marriage_date=day("Date du mariage", "تاريخ الزواج"),
    ),
    "duplicata-livret-de-famille": form(
        ["holder_name", "reason"],
        holder_name=BOOKLET_HOLDER,
        reason=choice(
            "Motif",
            "السبب",
            {
                "lost": ("Perte", "ضياع"),
                "damaged": ("Détérioration", "تلف"),
                "divorce": ("Divorce (épouse)", "طلاق (الزوجة)"),
            },
        ),
    ),
    "copie-conforme-livret-de-famille": form(
        ["holder_name", "copies"],
        holder_name=BOOKLET_HOLDER,
        copies=COPIES,
    ),
    "mention-marginale-mariage-divorce": form(
        ["act_number", "act_year", "event", "event_date"],
        act_number=ACT_NUMBER,
        act_year=ACT_YEAR,
        event=choice(
            "Événement à mentionner",
            "الواقعة المراد تضمينها",
            {
                "marriage": ("Mariage", "زواج"),
                "divorce": ("Divorce", "طلاق"),
            },
        ),
        event_date=day("Date de l'événement", "تاريخ الواقعة"),
    ),
    "certificat-non-inscription": form(
        ["family_name", "given_name", "birth_date", "birth_place"],
        family_name=FAMILY_NAME,
        given_name=GIVEN_NAME,
        birth_date=day("Date de naissance", "تاريخ الازدياد"),
        birth_place=text("Lieu de naissance", "مكان الازدياد", 150),
    ),
    "changement-de-prenom": form(
        ["act_number", "act_year", "current_given_name", "requested_given_name", "reason"],
        act_number=ACT_NUMBER,
        act_year=ACT_YEAR,
        current_given_name=text("Prénom actuel", "الاسم الشخصي الحالي", 80),
        requested_given_name=text("Prénom demandé", "الاسم الشخصي المطلوب", 80),
        reason=long_text("Motif de la demande", "سبب الطلب", 1000),
    ),
    "choix-nom-de-famille": form(
        ["act_number", "act_year", "requested_family_name"],
        act_number=ACT_NUMBER,
        act_year=ACT_YEAR,
        requested_family_name=text("Nom de famille choisi", "الاسم العائلي المختار", 80),
    ),
    "legalisation-signature": form(
        ["document_kind", "signatures"],
        document_kind=text("Nature du document à signer", "نوع الوثيقة", 150),
        signatures=whole("Nombre de signatures", "عدد الإمضاءات", 1, 20),
    ),
    "certification-conforme-copie": form(
        ["document_kind", "copies"],
        document_kind=text("Nature du document original", "نوع الوثيقة الأصلية", 150),
        copies=COPIES,
    ),
    "permis-construire-petits-projets": form(list(PROJECT), **PROJECT),
    "permis-construire-grands-projets": form(list(PROJECT), **PROJECT),
    "permis-modificatif-petits-projets": form(
        ["permit_reference", "land_title", "changes"],
        permit_reference=PERMIT_REFERENCE,
        land_title=land_title(),
        changes=long_text("Modifications demandées", "التعديلات المطلوبة"),
    ),
    "permis-regularisation": form(
        ["land_title", "address", "built_surface", "description"],
        land_title=land_title(),
        address=address("Adresse du bâtiment", "عنوان البناية"),
        built_surface=surface("Surface construite", "المساحة المبنية"),
        description=long_text("Travaux à régulariser", "الأشغال المراد تسويتها"),
    ),
    "autorisation-lotir": form(
        ["land_title", "address", "parcel_surface", "lots", "architect_name"],
        land_title=land_title(),
        address=address("Adresse du terrain", "عنوان العقار"),
        parcel_surface=surface("Surface du terrain", "مساحة العقار"),
        lots=whole("Nombre de lots", "عدد البقع", 1, 10_000),
        architect_name=text("Nom de l'architecte", "اسم المهندس المعماري", 120),
    ),
    "autorisation-groupe-habitations": form(
        ["land_title", "address", "parcel_surface", "dwellings", "architect_name"],
        land_title=land_title(),
        address=address("Adresse du terrain", "عنوان العقار"),
        parcel_surface=surface("Surface du terrain", "مساحة العقار"),
        dwellings=whole("Nombre de logements", "عدد المساكن", 1, 10_000),
        architect_name=text("Nom de l'architecte", "اسم المهندس المعماري", 120),
    ),
    "autorisation-morceler": form(
        ["land_title", "address", "parcel_surface", "parcels"],
        land_title=land_title(),
        address=address("Adresse du terrain", "عنوان العقار"),
        parcel_surface=surface("Surface du terrain", "مساحة العقار"),
        parcels=whole("Nombre de parcelles après division", "عدد القطع بعد التقسيم", 2, 1000),
    ),
    "reception-provisoire-lotissement": form(
        ["authorisation_reference", "land_title", "completion_date"],
        authorisation_reference=text("Numéro de l'autorisation de lotir", "رقم رخصة التجزئة", 40),
        land_title=land_title(),
        completion_date=day("Date d'achèvement des travaux", "تاريخ انتهاء الأشغال"),
    ),
    "permis-habiter": form(
        ["permit_reference", "land_title", "completion_date"],
        permit_reference=PERMIT_REFERENCE,
        land_title=land_title(),
        completion_date=day("Date d'achèvement des travaux", "تاريخ انتهاء الأشغال"),
    ),
    "certificat-conformite": form(
        ["permit_reference", "land_title", "completion_date"],
        permit_reference=PERMIT_REFERENCE,
        land_title=land_title(),
        completion_date=day("Date d'achèvement des travaux", "تاريخ انتهاء الأشغال"),
    ),
    "permis-refection": form(
        ["address", "works", "surface"],
        address=address("Adresse du bâtiment", "عنوان البناية"),
        works=long_text("Travaux de réfection prévus", "أشغال الإصلاح المزمعة"),
        surface=surface("Surface concernée", "المساحة المعنية"),
    ),
    "permis-demolir": form(
        ["land_title", "address", "built_surface", "reason"],
        land_title=land_title(),
        address=address("Adresse du bâtiment", "عنوان البناية"),
        built_surface=surface("Surface à démolir", "المساحة المراد هدمها"),
        reason=long_text("Motif de la démolition", "سبب الهدم", 1000),
    ),
    "etablissement-classe-2e-categorie": form(list(ACTIVITY), **ACTIVITY),
    "etablissement-classe-3e-categorie": form(list(ACTIVITY), **ACTIVITY),
    "autorisation-exercice-activite-commerciale": form(
        [*ACTIVITY, "trade_register"],
        **ACTIVITY,
        trade_register=text("Numéro du registre de commerce", "رقم السجل التجاري", 30),
    ),
    "aot-terrasse-enseigne": form(
        ["occupation", *OCCUPATION],
        occupation=choice(
            "Objet de l'occupation",
            "موضوع الاحتلال",
            {
                "terrace": ("Terrasse", "شرفة"),
                "sign": ("Enseigne", "لافتة"),
                "display": ("Étalage", "عرض السلع"),
            },
        ),
        **OCCUPATION,
    ),
    "aot-avec-construction": form(
        [*OCCUPATION, "project"],
        **OCCUPATION,
        project=long_text("Ouvrage prévu", "المنشأة المزمع إقامتها"),
    ),
    "affichage-publicitaire": form(
        ["address", "panels", "surface", "duration_months"],
        address=address("Emplacement des panneaux", "موقع اللوحات"),
        panels=whole("Nombre de panneaux", "عدد اللوحات", 1, 500),
        surface=surface("Surface totale d'affichage", "المساحة الإجمالية للإشهار"),
        duration_months=whole("Durée demandée (mois)", "المدة المطلوبة (بالأشهر)", 1, 120),
    ),
    "autorisation-tournage": form(
        ["title", "locations", "start_date", "end_date", "crew"],
        title=text("Titre de l'œuvre", "عنوان العمل", 150),
        locations=long_text("Lieux de tournage", "أماكن التصوير", 1000),
        start_date=day("Premier jour de tournage", "أول يوم تصوير"),
        end_date=day("Dernier jour de tournage", "آخر يوم تصوير"),
        crew=whole("Taille de l'équipe", "عدد أفراد الفريق", 1, 2000),
    ),
    "ouverture-tranchee-voie-publique": form(
        ["address", "length_m", "network", "start_date", "end_date"],
        address=address("Voie concernée", "الطريق المعني"),
        length_m=field(
            "number",
            "Longueur de la tranchée (m)",
            "طول الخندق (بالمتر)",
            exclusiveMinimum=0,
            maximum=100_000,
        ),
        network=text("Réseau (eau, électricité, télécom…)", "الشبكة (ماء، كهرباء، اتصالات…)", 100),
        start_date=day("Début des travaux", "بداية الأشغال"),
        end_date=day("Fin des travaux", "نهاية الأشغال"),
    ),
    "declaration-tnb": form(
        ["land_title", "address", "surface", "tax_year"],
        land_title=land_title(),
        address=address("Adresse du terrain", "عنوان العقار"),
        surface=surface("Surface du terrain", "مساحة العقار"),
        tax_year=TAX_PERIOD,
    ),
    "taxe-operations-construction": form(
        ["permit_reference", "built_surface"],
        permit_reference=PERMIT_REFERENCE,
        built_surface=surface("Surface couverte autorisée", "المساحة المغطاة المرخصة"),
    ),
    "taxe-operations-lotissement": form(
        ["authorisation_reference", "works_cost"],
        authorisation_reference=text("Numéro de l'autorisation de lotir", "رقم رخصة التجزئة", 40),
        works_cost=amount(
            "Coût total des travaux de viabilisation", "الكلفة الإجمالية لأشغال التجهيز"
        ),
    ),
    "taxe-debits-boissons": form(
        ["trade_name", "address", "tax_year", "turnover"],
        trade_name=text("Nom de l'établissement", "اسم المؤسسة", 120),
        address=address("Adresse de l'établissement", "عنوان المؤسسة"),
        tax_year=TAX_PERIOD,
        turnover=amount(
            "Chiffre d'affaires hors taxes de la période", "رقم المعاملات دون احتساب الرسوم"
        ),
    ),
    "taxe-sejour": form(
        ["establishment", "tax_year", "quarter", "nights"],
        establishment=text("Établissement touristique", "المؤسسة السياحية", 120),
        tax_year=TAX_PERIOD,
        quarter=whole("Trimestre", "الفصل", 1, 4),
        nights=whole("Nuitées de la période", "عدد الليالي خلال الفترة", 0, 10_000_000),
    ),
    "taxes-prefectorales-provinciales": TAX_DECLARATION,
    "taxes-regionales": TAX_DECLARATION,
    "permis-inhumer": form(
        [*DECEASED, "cemetery"],
        **DECEASED,
        cemetery=text("Cimetière", "المقبرة", 150),
    ),
    "constatation-deces-bmh": form(
        [*DECEASED, "address"],
        **DECEASED,
        address=address("Adresse où se trouve le défunt", "العنوان حيث يوجد المتوفى"),
    ),
    "demande-acces-information": form(
        ["information", "delivery"],
        information=long_text("Informations demandées", "المعلومات المطلوبة"),
        delivery=choice(
            "Forme souhaitée",
            "الشكل المرغوب",
            {
                "electronic": ("Copie électronique", "نسخة إلكترونية"),
                "paper": ("Copie papier", "نسخة ورقية"),
                "consultation": ("Consultation sur place", "الاطلاع بعين المكان"),
            },
        ),
    ),
    "reclamation-chikaya": form(
        ["subject", "description"],
        subject=text("Objet de la réclamation", "موضوع الشكاية", 150),
        description=long_text("Description", "الوصف"),
    ),
    "petition-conseil-regional": form(
        ["subject", "text", "signatories"],
        subject=text("Objet de la pétition", "موضوع العريضة", 150),
        text=long_text("Texte de la pétition", "نص العريضة", 5000),
        signatories=whole("Nombre de signataires", "عدد الموقعين", 1, 1_000_000),
    ),
}
