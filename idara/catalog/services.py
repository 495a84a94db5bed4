"""Writes to the catalogue: importing the national file, publishing versions, offerings."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.accounts.selectors import can_administer, is_national_supervisor
from idara.audit.services import record
from idara.catalog import document_types, rules
from idara.catalog.document_types import OTHER
from idara.catalog.fees import FeeRuleError, check_rule
from idara.catalog.fiche import build_fiche
from idara.catalog.form_schema import FormSchemaInvalid, check_form_schema
from idara.catalog.models import (
    FeeKind,
    Offering,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
)
from idara.catalog.national_file import (
    DEFAULT_FILE_TYPES,
    DEFAULT_SIZE_LIMIT_MB,
    read_national_file,
)
from idara.catalog.rules import RuleBroken
from idara.catalog.selectors import levels_handled_by, version_in_force
from idara.territories.models import Collectivity, Service
from idara.text import fold

NATIONAL_FILE = Path(__file__).parent / "data" / "procedures.json"


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int


def import_national_file(path: Path = NATIONAL_FILE) -> ImportReport:
    return import_national_catalogue(read_national_file(path.read_text(encoding="utf-8")))


@transaction.atomic
def import_national_catalogue(fiches: list[dict]) -> ImportReport:
    """Version 1 of each new procedure; a new version where the national entry changed."""
    created = updated = 0
    for fiche in fiches:
        procedure, is_new = Procedure.objects.get_or_create(
            slug=fiche["slug"], defaults={"category": fiche["category"], "level": fiche["level"]}
        )
        imported = procedure.versions.exclude(source_digest="").order_by("-number").first()
        if imported and imported.source_digest == fiche["source_digest"]:
            continue
        _create_version(
            procedure,
            fiche["version"] | {"source_digest": fiche["source_digest"]},
            fiche["documents"],
            actor=None,
            effective_from=timezone.localdate(),
            reason="national catalogue file",
        )
        created, updated = (created + 1, updated) if is_new else (created, updated + 1)
    return ImportReport(created, updated, len(fiches) - created - updated)


def _create_version(procedure, values, documents, *, actor, effective_from, reason):
    number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        effective_from=effective_from,
        published_by=actor,
        reason=reason,
        **values,
    )
    RequiredDocument.objects.bulk_create(RequiredDocument(version=version, **d) for d in documents)
    procedure.search_text = " ".join(fold(n) for n in (version.name_fr, version.name_ar) if n)
    procedure.save(update_fields=["search_text"])
    record(
        actor,
        "procedure.version_published",
        version,
        data={"slug": procedure.slug, "number": number},
    )
    return version


def check_fiche(values: dict, documents: list[dict]) -> None:
    """Refuse a fiche the law does not allow; raise RuleBroken naming the field."""
    days, investment = values.get("deadline_days"), values.get("investment_linked", False)
    if not rules.deadline_within_ceiling(days, investment):
        raise RuleBroken(
            "deadline_days",
            _("The deadline of %(days)s days is above the ceiling of %(ceiling)s days (Law 55-19).")
            % {"days": days, "ceiling": rules.deadline_ceiling(investment)},
        )
    if values.get("extension_days", 0) > rules.deadline_ceiling(investment):
        raise RuleBroken("extension_days", _("The extension cannot be longer than the ceiling."))
    extension_days = values.get("extension_days", 0)
    if extension_days and not rules.extension_days_allowed(
        values.get("extension_basis", ""), extension_days
    ):
        raise RuleBroken(
            "extension_basis",
            _(
                "An extension needs the text that lists this act as needing a technical "
                "expertise or a public enquiry (Law 55-19 art. 17)."
            ),
        )
    for document in documents:
        names = (document["name_fr"], document.get("name_ar", ""))
        if not rules.document_may_be_required(document.get("document_type", OTHER), names):
            raise RuleBroken(
                "documents",
                _(
                    "“%(name)s” asks for a legalised signature or a certified copy: Law 55-19 "
                    "(art. 7) forbids requiring them."
                )
                % {"name": document["name_fr"]},
            )
        if not document_types.known(document.get("document_type", OTHER)):
            raise RuleBroken("documents", _("Choose the type of each document."))
        if not rules.condition_fits_form(
            document.get("required_when"), values.get("form_schema") or {}
        ):
            raise RuleBroken(
                "documents",
                _("“%(name)s” is required for answers the form does not offer.")
                % {"name": document["name_fr"]},
            )
    _check_fee(values)
    try:
        check_form_schema(values.get("form_schema"))
    except FormSchemaInvalid as error:
        raise RuleBroken("form_schema", str(error))


def _check_fee(values: dict) -> None:
    kind, amount = values.get("fee_kind"), values.get("fee_mad")
    if kind == FeeKind.AMOUNT and not (isinstance(amount, Decimal) and amount >= 0):
        raise RuleBroken("fee_mad", _("The fee must be an amount in dirhams, 0 or more."))


# What a new version carries over from the one in force unless the edit changes it.
VERSION_FIELDS = [
    "name_fr",
    "name_ar",
    "competent_authority",
    "competent_authority_ar",
    "legal_basis",
    "legal_basis_ar",
    "fee_kind",
    "fee_mad",
    "fee_formula_fr",
    "fee_formula_ar",
    "fee_details",
    "fee_details_ar",
    "deadline_days",
    "deadline_working_days",
    "deadline_details",
    "investment_linked",
    "silence_means_acceptance",
    "extension_days",
    "extension_basis",
    "appeal_days",
    "service_kind",
    "documents_not_required",
    "form_schema",
    "user_deadline",
    "user_deadline_ar",
    "notes",
    "online_platform",
    "sources",
    "source_quality",
]


@transaction.atomic
def publish_version(
    actor,
    procedure: Procedure,
    changes: dict,
    documents: list[dict],
    *,
    effective_from: date,
    reason: str,
) -> ProcedureVersion:
    """The national supervisor publishes a new version of a fiche; the old one stays.
    `changes` override the version in force; `documents` replace its list."""
    if not is_national_supervisor(actor):
        raise PermissionDenied(_("Only the national supervisor edits the catalogue."))
    if not reason.strip():
        raise RuleBroken("reason", _("Say why this version is published."))
    current = version_in_force(procedure)
    values = {name: getattr(current, name) for name in VERSION_FIELDS} | changes
    values["translated"] = still_translated(current, values, documents)
    previous = {d.code: d for d in current.documents.all()}
    numbered = [
        _document_values(d, previous.get(d["code"]), n) for n, d in enumerate(documents, start=1)
    ]
    check_fiche(values, numbered)
    return _create_version(
        procedure, values, numbered, actor=actor, effective_from=effective_from, reason=reason
    )


def still_translated(current, values: dict, documents: list[dict]) -> list[str] | None:
    """The project's translations the supervisor left as they were; a text they rewrote is
    theirs."""
    kept = [
        field
        for field in current.translated or []
        if field == "documents" or values.get(field) == getattr(current, field)
    ]
    if "documents" in kept:
        before = {d.code: d.name_ar for d in current.documents.all()}
        if any(d.get("name_ar", "") != before.get(d["code"]) for d in documents):
            kept.remove("documents")
    return kept or None


def _document_values(document: dict, previous, position: int) -> dict:
    """A document of a new version keeps what the previous one said of the same code (its
    file types, its type, when it is required) unless the edit says otherwise."""
    kept = {
        "accepted_types": DEFAULT_FILE_TYPES,
        "document_type": OTHER,
        "required_when": None,
        "sworn_statement_allowed": False,
    }
    if previous:  # a row written by the code of an earlier release may lack the new ones
        kept |= {
            name: getattr(previous, name) for name in kept if getattr(previous, name) is not None
        }
    return (
        kept
        | {"max_size_mb": DEFAULT_SIZE_LIMIT_MB}
        | document
        | {
            "position": position,
            "legalisation_waived": False,
        }
    )


# Fees the national fiche leaves to each collectivity's fiscal decree.
LOCAL_FEE_KINDS = (FeeKind.FORMULA, FeeKind.UNPUBLISHED)


@dataclass
class OfferingChanges:
    online: bool
    service: Service | None
    local_fee_mad: Decimal | None = None
    local_fee_formula_fr: str = ""
    local_fee_formula_ar: str = ""
    local_fee_basis: str = ""
    local_deadline_days: int | None = None
    local_document_limits: dict = field(default_factory=dict)
    local_fee_rule: dict = field(default_factory=dict)


@transaction.atomic
def set_offering(
    actor, collectivity: Collectivity, procedure: Procedure, changes: OfferingChanges
) -> Offering:
    """A collectivity's administrator sets what the law leaves to it, and switches online."""
    if not can_administer(actor, collectivity):
        raise PermissionDenied(_("You do not administer this collectivity."))
    if procedure.level not in levels_handled_by(collectivity.kind):
        raise RuleBroken("procedure", _("This collectivity does not handle this procedure."))
    offering, _created = Offering.objects.select_for_update().get_or_create(
        collectivity=collectivity, procedure=procedure
    )
    version = version_in_force(procedure)
    _check_local_layer(version, collectivity, changes)
    before = _offering_state(offering)
    for name, value in changes.__dict__.items():
        if name != "online":
            setattr(offering, name, value)
    _switch_online(offering, version, changes.online)
    offering.save()
    after = _offering_state(offering)
    if before != after:
        record(
            actor,
            "offering.changed",
            offering,
            collectivity=collectivity,
            data={"procedure": procedure.slug, "before": before, "after": after},
        )
    return offering


def _check_local_layer(version, collectivity, changes: OfferingChanges) -> None:
    if changes.service is not None and changes.service.collectivity_id != collectivity.pk:
        raise RuleBroken("service", _("Choose one of this collectivity's services."))
    sets_fee = (
        changes.local_fee_mad is not None or changes.local_fee_formula_fr or changes.local_fee_rule
    )
    if sets_fee and version.fee_kind not in LOCAL_FEE_KINDS:
        raise RuleBroken("local_fee_mad", _("The fee of this procedure is set nationally."))
    if changes.local_fee_mad is not None and changes.local_fee_mad < 0:
        raise RuleBroken("local_fee_mad", _("The fee must be an amount in dirhams, 0 or more."))
    if changes.local_fee_rule:
        _check_fee_rule(version, changes)
    national_days = rules.deadline_in_force(version.deadline_days, version.investment_linked)
    if changes.local_deadline_days is not None and changes.local_deadline_days > national_days:
        raise RuleBroken(
            "local_deadline_days",
            _("A collectivity may only shorten the deadline (at most %(days)s days).")
            % {"days": national_days},
        )
    _check_document_limits(version, changes.local_document_limits)


def _check_fee_rule(version, changes: OfferingChanges) -> None:
    if changes.local_fee_mad is not None:
        raise RuleBroken("local_fee_rule", _("Give either a fixed amount or a formula, not both."))
    try:
        changes.local_fee_rule = check_rule(changes.local_fee_rule, version.form_schema)
    except FeeRuleError as wrong:
        raise RuleBroken("local_fee_rule", str(wrong))


def _check_document_limits(version, limits: dict) -> None:
    documents = {d.code: d for d in version.documents.all()}
    for code, limit in limits.items():
        document = documents.get(code)
        if document is None:
            raise RuleBroken(
                "local_document_limits", _("Unknown document: %(code)s") % {"code": code}
            )
        if limit.get("max_size_mb", 0) > document.max_size_mb or not set(
            limit.get("accepted_types", [])
        ) <= set(document.accepted_types):
            raise RuleBroken(
                "local_document_limits",
                _("A collectivity may only narrow the file limits of “%(name)s”.")
                % {"name": document.name_fr},
            )


def _switch_online(offering: Offering, version, online: bool) -> None:
    if online and not offering.online:
        missing = build_fiche(version, offering).missing_for_online()
        if missing:
            raise RuleBroken(
                "online",
                _("This procedure cannot go online until these are known: %(missing)s.")
                % {"missing": ", ".join(missing)},
            )
        offering.online_since = timezone.localdate()
    if not online:
        offering.online_since = None
    offering.online = online


def _offering_state(offering: Offering) -> dict:
    return {
        "online": offering.online,
        "service": offering.service_id,
        "local_fee_mad": str(offering.local_fee_mad)
        if offering.local_fee_mad is not None
        else None,
        "local_fee_formula_fr": offering.local_fee_formula_fr,
        "local_deadline_days": offering.local_deadline_days,
        "local_document_limits": offering.local_document_limits,
        "local_fee_rule": offering.local_fee_rule,
    }


@dataclass
class BulkReport:
    switched_on: int = 0
    already_online: int = 0
    not_ready: dict = field(default_factory=dict)  # collectivity code -> {slug: [missing]}


@transaction.atomic
def offer_category_online(actor, category: str, collectivities) -> BulkReport:
    """The national supervisor switches a whole category on for many collectivities at once.
    Each procedure goes online where every field a filing needs is known; the rest are listed."""
    if not is_national_supervisor(actor):
        raise PermissionDenied(_("Only the national supervisor switches categories on."))
    report = BulkReport()
    for collectivity in collectivities:
        handled = Procedure.objects.filter(
            category=category, level__in=levels_handled_by(collectivity.kind)
        ).prefetch_related("versions__documents")
        for procedure in handled:
            offer_online(actor, collectivity, procedure, report)
    return report


def offer_online(actor, collectivity, procedure, report: BulkReport) -> None:
    """Put one procedure online with its default service, if every field a filing needs is
    known; otherwise list what is missing in `report`. Nothing changes when it is online."""
    offering, _created = Offering.objects.get_or_create(
        collectivity=collectivity, procedure=procedure
    )
    if offering.online:
        report.already_online += 1
        return
    version = version_in_force(procedure)
    if offering.service_id is None:
        offering.service = collectivity.services.filter(kind=version.service_kind).first()
    missing = build_fiche(version, offering).missing_for_online()
    if missing:
        report.not_ready.setdefault(collectivity.code, {})[procedure.slug] = missing
        if offering.service_id is not None:
            offering.save(update_fields=["service"])
        return
    offering.online, offering.online_since = True, timezone.localdate()
    offering.save()
    record(
        actor,
        "offering.switched_on",
        offering,
        collectivity=collectivity,
        data={"procedure": procedure.slug, "bulk": True},
    )
    report.switched_on += 1
