"""A fiche as a citizen reads it: the national version with what the collectivity set
on top, each value marked with who set it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from idara.catalog import rules
from idara.catalog.fees import describe, fee_for
from idara.catalog.models import FeeKind, Level, Offering, ProcedureVersion, RequiredDocument

NATIONAL = "national"


@dataclass(frozen=True)
class Fee:
    kind: str
    amount: Decimal | None
    formula_fr: str
    formula_ar: str
    set_by: str  # NATIONAL or the collectivity's code
    rule: dict = field(default_factory=dict)  # a formula the platform computes (catalog.fees)

    @property
    def known(self) -> bool:
        return self.kind == FeeKind.FREE or self.amount is not None or bool(self.formula_fr)

    def amount_for(self, answers: dict) -> Decimal | None:
        """The fee of an application with these (valid) answers; None where only the
        bureau can tell (a formula written in words only)."""
        if not self.rule:
            return self.amount
        try:
            return fee_for(self.rule, answers)
        except (KeyError, ArithmeticError):  # a later version of the form lacks a quantity
            return None


@dataclass(frozen=True)
class Document:
    source: RequiredDocument
    accepted_types: list[str]
    max_size_mb: int
    set_by: str


@dataclass(frozen=True)
class Fiche:
    version: ProcedureVersion
    offering: Offering | None
    fee: Fee
    deadline_days: int
    deadline_published: bool
    deadline_set_by: str
    working_days: bool
    documents: list[Document] = field(default_factory=list)

    @property
    def silence_means_acceptance(self) -> bool:
        return rules.silence_is_acceptance(self.version.silence_means_acceptance)

    @property
    def national_deadline_days(self) -> int:
        return rules.deadline_in_force(self.version.deadline_days, self.version.investment_linked)

    @property
    def ceiling_days(self) -> int:
        return rules.deadline_ceiling(self.version.investment_linked)

    @property
    def extension_days(self) -> int:
        return rules.extension_days_allowed(
            self.version.extension_basis, self.version.extension_days
        )

    def missing_for_online(self) -> list[str]:
        """What must still be known before a filing is possible (empty: ready to go online)."""
        version = self.version
        if version.procedure.level == Level.ELSEWHERE:
            return [_("the procedure belongs to another administration")]
        missing = []
        if not self.fee.known:
            missing.append(_("the fee"))
        if not self.documents and not version.documents_not_required:
            missing.append(_("the list of documents"))
        if not version.form_schema:
            missing.append(_("the form"))
        if self.offering is None or self.offering.service_id is None:
            missing.append(_("the service that handles it"))
        return missing


def build_fiche(version: ProcedureVersion, offering: Offering | None = None) -> Fiche:
    local_by = offering.collectivity.code if offering else NATIONAL
    published = version.deadline_days
    in_force = rules.deadline_in_force(published, version.investment_linked)
    local_days = offering.local_deadline_days if offering else None
    return Fiche(
        version=version,
        offering=offering,
        fee=_fee(version, offering, local_by),
        deadline_days=local_days if local_days is not None else in_force,
        deadline_published=published is not None or local_days is not None,
        deadline_set_by=local_by if local_days is not None else NATIONAL,
        working_days=bool(version.deadline_working_days),
        documents=[_document(d, offering, local_by) for d in version.documents.all()],
    )


def _fee(version: ProcedureVersion, offering: Offering | None, local_by: str) -> Fee:
    if offering and offering.local_fee_rule:
        rule, schema = offering.local_fee_rule, version.form_schema
        with translation.override("fr"):
            formula_fr = describe(rule, schema, "fr")
        with translation.override("ar"):
            formula_ar = describe(rule, schema, "ar")
        return Fee(FeeKind.FORMULA, None, formula_fr, formula_ar, local_by, rule)
    if offering and (offering.local_fee_mad is not None or offering.local_fee_formula_fr):
        kind = FeeKind.AMOUNT if offering.local_fee_mad is not None else FeeKind.FORMULA
        return Fee(
            kind,
            offering.local_fee_mad,
            offering.local_fee_formula_fr,
            offering.local_fee_formula_ar,
            local_by,
        )
    return Fee(
        version.fee_kind, version.fee_mad, version.fee_formula_fr, version.fee_formula_ar, NATIONAL
    )


def _document(document: RequiredDocument, offering: Offering | None, local_by: str) -> Document:
    limits = (offering.local_document_limits if offering else {}).get(document.code)
    if not limits:
        return Document(document, document.accepted_types, document.max_size_mb, NATIONAL)
    return Document(
        document,
        limits.get("accepted_types", document.accepted_types),
        limits.get("max_size_mb", document.max_size_mb),
        local_by,
    )
