"""Once-only (LAW.md L3): "Documents the platform already holds (an act of the collectivity's
own register ...) are attached by reference, never asked again." A procedure that asks for the
applicant's birth act, filed with a collectivity whose register holds it, gets it from there."""

from django.utils import timezone

from idara.catalog.document_types import BIRTH_ACT
from idara.civil_status.delivery import snapshot
from idara.civil_status.models import Act, ActKind
from idara.civil_status.ordering import order_for
from idara.civil_status.relations import relation_holds
from idara.civil_status.selectors import birth_acts_named, holds_register, requested_act
from idara.documents.pdf import render_pdf
from idara.documents.signing import has_signing_key, sign_pdf
from idara.dossiers.held_documents import HeldDocument

TEMPLATE = "civil_status/act_pdf.html"


def applicant_birth_act(bureau, applicant, data: dict) -> Act | None:
    """The applicant's own birth act in the register: the act the form names if it is
    theirs, else the one act under their name (and date of birth, where the form asks it);
    none when it is not certain, and the document is asked as usual."""
    name = applicant.full_name or ""
    if data.get("relation", "self") != "self":
        return None  # the form is about someone else
    if data.get("act_number") and data.get("act_year"):
        act = requested_act(bureau, ActKind.BIRTH, data["act_number"], data["act_year"], name)
        return act if act and relation_holds("self", name, act) else None
    found = birth_acts_named(bureau, name)
    born = data.get("birth_date")
    if born:
        found = [a for a in found if a.birth_date and a.birth_date.isoformat() == str(born)]
    return found[0] if len(found) == 1 else None


def held_birth_acts(applicant, filing, fiche) -> dict[str, HeldDocument]:
    """Supplier of held documents: {code: the applicant's birth act from the register}."""
    if order_for(filing.procedure.slug):
        return {}
    # Every filing passes here: the fiche's own documents first, the database only if needed.
    wanted = [d.source for d in fiche.documents if d.source.document_type == BIRTH_ACT]
    if not wanted or not holds_register(filing.collectivity):
        return {}
    act = applicant_birth_act(filing.collectivity, applicant, filing.data)
    if act is None:
        return {}
    source = f"register {act.bureau.code} birth {act.number}/{act.year}"
    holder = (
        f"Registre d'état civil de {act.bureau.name_fr}",
        f"سجل الحالة المدنية ب{act.bureau.name_ar or act.bureau.name_fr}",
    )
    return {
        d.code: HeldDocument(f"{d.code}.pdf", lambda act=act: held_extract(act), source, holder)
        for d in wanted
    }


def held_extract(act: Act) -> bytes:
    """The act, drawn as an extract for the agents, signed where the bureau has its key."""
    context = {"act": snapshot(act), "drawn_at": timezone.now(), "full_copy": False}
    content = render_pdf(TEMPLATE, context | {"document": None, "dossier": None, "qr": ""})
    return sign_pdf(content, act.bureau) if has_signing_key(act.bureau) else content
