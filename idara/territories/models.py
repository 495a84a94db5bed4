from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from idara.text import fold


class Kind(models.TextChoices):
    REGION = "region", _("Region")
    PREFECTURE = "prefecture", _("Prefecture")
    PROVINCE = "province", _("Province")
    COMMUNE_URBAN = "commune_urban", _("Urban commune")
    COMMUNE_RURAL = "commune_rural", _("Rural commune")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")


# Arrondissements are sub-units of a commune, not collectivities.
COLLECTIVITY_KINDS = [k for k in Kind.values if k != Kind.ARRONDISSEMENT]
COMMUNE_KINDS = [Kind.COMMUNE_URBAN, Kind.COMMUNE_RURAL]
PROVINCIAL_KINDS = [Kind.PREFECTURE, Kind.PROVINCE]


class LocalizedNameMixin:
    """`name` in the active language, falling back to French where the name in Arabic or in
    Tamazight is missing."""

    @property
    def name(self) -> str:
        language = get_language()
        if language == "ar" and self.name_ar:
            return self.name_ar
        if language == "zgh" and getattr(self, "name_zgh", ""):
            return self.name_zgh
        return self.name_fr


class Collectivity(LocalizedNameMixin, models.Model):
    """A region, province, prefecture, commune, or an arrondissement of a commune."""

    code = models.CharField(_("HCP code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    name_zgh = models.CharField(_("name in Tamazight"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # The region, kept on every row so that browsing by region needs no recursion.
    region = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set once a collectivity's administrator corrects a name: reloads keep it.
    names_corrected = models.BooleanField(default=False)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["code"]
        verbose_name = _("collectivity")
        verbose_name_plural = _("collectivities")

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_text = self.fold_names()
        super().save(*args, **kwargs)

    def fold_names(self) -> str:
        return " ".join(fold(n) for n in (self.name_fr, self.name_ar, self.name_zgh) if n)

    @property
    def is_collectivity(self) -> bool:
        return self.kind != Kind.ARRONDISSEMENT

    @property
    def is_commune(self) -> bool:
        return self.kind in (Kind.COMMUNE_URBAN, Kind.COMMUNE_RURAL)


class ServiceKind(models.TextChoices):
    CIVIL_STATUS = "civil_status", _("Civil status")
    URBANISM = "urbanism", _("Urbanism")
    ECONOMIC_AFFAIRS = "economic_affairs", _("Economic affairs")
    LOCAL_TAXES = "local_taxes", _("Local taxes")
    HYGIENE = "hygiene", _("Hygiene")
    # Bodies that sit on the province's permits commissions (urbanism, economic activities).
    URBAN_AGENCY = "urban_agency", _("Urban agency")
    CIVIL_PROTECTION = "civil_protection", _("Civil protection")
    UTILITIES = "utilities", _("Water and electricity distributor")
    # R9: the appeals to a commune's president; at a province or prefecture, the governor's.
    APPEALS = "appeals", _("Appeals")
    OTHER = "other", _("Other")


class Service(LocalizedNameMixin, models.Model):
    """A service (bureau) of a collectivity: where dossiers are worked."""

    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, related_name="services"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ServiceKind.choices)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)

    class Meta:
        ordering = ["collectivity__code", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "kind"],
                condition=~models.Q(kind="other"),
                name="one_service_of_each_standard_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_fr} — {self.collectivity.name_fr}"
