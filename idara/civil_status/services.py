"""Keeping the register: entering an act, correcting it, adding a marginal note. Each is audited;
nothing is ever deleted."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.civil_status.forms import CORRECTABLE, ActForm
from idara.civil_status.models import Act, MarginalNote, NoteKind
from idara.civil_status.selectors import may_keep_register


class ActRefused(Exception):
    """Bad input: {field: [messages]} in the caller's language; nothing was written."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def check_keeper(actor, bureau) -> None:
    if not may_keep_register(actor, bureau):
        raise PermissionDenied(_("Only the bureau's civil-status agents keep its register."))


def checked_act(bureau, data: dict) -> Act:
    """An unsaved act from `data`, or ActRefused with every mistake at once."""
    form = ActForm(data)
    if not form.is_valid():
        raise ActRefused({f: [str(m) for m in ms] for f, ms in form.errors.items()})
    act = form.save(commit=False)
    act.bureau = bureau
    return act


def number_taken_message(act: Act) -> str:
    return _("The register already holds act %(number)s of %(year)s of this kind.") % {
        "number": act.number,
        "year": act.year,
    }


def enter_act(actor, bureau, data: dict) -> Act:
    check_keeper(actor, bureau)
    act = checked_act(bureau, data)
    act.entered_by = actor
    try:
        with transaction.atomic():
            act.save(force_insert=True)
            record(
                actor,
                "civil_act.entered",
                act,
                collectivity=bureau,
                data={"kind": act.kind, "number": act.number, "year": act.year},
            )
    except IntegrityError:
        raise ActRefused({"number": [number_taken_message(act)]})
    return act


def correct_act(actor, act: Act, changes: dict, reason: str) -> Act:
    """A rectification: the act takes the corrected values, and a marginal note says what
    changed and why, as the register's paper margin would."""
    check_keeper(actor, act.bureau)
    reason = (reason or "").strip()
    if not reason:
        raise ActRefused({"reason": [_("Write the reason for the correction (the judgment).")]})
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ActRefused({f: [_("This field cannot be corrected.")] for f in sorted(unknown)})
    current = {f: getattr(act, f) for f in ActForm.Meta.fields}
    corrected = checked_act(act.bureau, {k: _as_text(v) for k, v in current.items()} | changes)
    changed = {f: (current[f], getattr(corrected, f)) for f in changes}
    changed = {f: pair for f, pair in changed.items() if pair[0] != pair[1]}
    if not changed:
        raise ActRefused({"__all__": [_("Nothing differs from the act as it stands.")]})
    with transaction.atomic():
        for name, (_old, new) in changed.items():
            setattr(act, name, new)
        act.save(update_fields=list(changed))
        summary = "; ".join(
            f"{f}: {old or '—'} → {new or '—'}" for f, (old, new) in changed.items()
        )
        _note(actor, act, NoteKind.RECTIFICATION, f"{summary} ({reason})", f"{summary} ({reason})")
        record(
            actor,
            "civil_act.corrected",
            act,
            collectivity=act.bureau,
            data={"reason": reason} | {f: [str(o), str(n)] for f, (o, n) in changed.items()},
        )
    return act


def add_note(actor, act: Act, kind: str, on, text_ar: str, text_fr: str, spouse=None):
    """A later act in the margin. A marriage names the spouse; a divorce ends it."""
    check_keeper(actor, act.bureau)
    if kind not in NoteKind.values or kind == NoteKind.RECTIFICATION:
        raise ActRefused({"kind": [_("Choose the kind of marginal note.")]})
    if not (text_ar or "").strip() or not (text_fr or "").strip():
        raise ActRefused({"text_fr": [_("Write the note in Arabic and in French.")]})
    with transaction.atomic():
        if kind == NoteKind.MARRIAGE and spouse:
            act.spouse_ar, act.spouse_fr = spouse
        if kind == NoteKind.DIVORCE:
            act.spouse_ar = act.spouse_fr = ""
        act.save(update_fields=["spouse_ar", "spouse_fr"])
        note = _note(actor, act, kind, text_ar.strip(), text_fr.strip(), on)
        record(
            actor,
            "civil_act.noted",
            act,
            collectivity=act.bureau,
            data={"kind": kind, "on": on},
        )
    return note


def _note(actor, act, kind, text_ar, text_fr, on=None) -> MarginalNote:
    return MarginalNote.objects.create(
        act=act,
        kind=kind,
        on=on or timezone.localdate(),
        text_ar=text_ar,
        text_fr=text_fr,
        written_by=actor,
    )


def _as_text(value) -> str:
    return "" if value is None else str(value)
