"""The civil-status register in the back office: its acts, importing a spreadsheet, entering,
correcting and annotating an act. The bureau's civil-status agents write; the national
supervisor and auditors read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from idara.civil_status import selectors, services
from idara.civil_status.forms import CORRECTABLE, ActForm
from idara.civil_status.models import Act, NoteKind
from idara.civil_status.register_file import import_register
from idara.civil_status.services import ActRefused
from idara.dossiers.selectors import sees_everything
from idara.territories.models import Collectivity

MOST_IMPORT_BYTES = 50 * 1024 * 1024


def _bureau(request, code) -> Collectivity:
    bureaux = (
        Collectivity.objects.all()
        if sees_everything(request.user)
        else selectors.kept_bureaux(request.user)
    )
    bureau = bureaux.filter(code=code).first()
    if bureau is None:
        raise Http404(_("Nothing was found at this address."))
    return bureau


@never_cache
@login_required
def register(request, code):
    bureau = _bureau(request, code)
    report = None
    if request.method == "POST":
        report = _import(request, bureau)
        if report is not None and report.ok:
            messages.success(request, _("Acts loaded: %(n)s.") % {"n": report.loaded})
            return redirect("backoffice:register", code=bureau.code)
    q = request.GET.get("q", "").strip()[:80]
    page = Paginator(selectors.register_page(request.user, bureau, q), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "backoffice/register.html",
        {
            "bureau": bureau,
            "page": page,
            "q": q,
            "report": report,
            "keeper": selectors.may_keep_register(request.user, bureau),
        },
    )


def _import(request, bureau):
    upload = request.FILES.get("register")
    if upload is None or upload.size > MOST_IMPORT_BYTES:
        messages.error(request, _("Choose a CSV file of at most 50 MB."))
        return None
    try:
        return import_register(request.user, bureau, upload.read())
    except PermissionDenied as refused:
        raise Http404(str(refused))


@never_cache
@login_required
def act_new(request, code):
    bureau = _bureau(request, code)
    if not selectors.may_keep_register(request.user, bureau):
        raise Http404(_("Nothing was found at this address."))
    form = ActForm(request.POST or None)
    if request.method == "POST":
        try:
            act = services.enter_act(request.user, bureau, request.POST.dict())
        except ActRefused as refused:
            _show(form, refused)
        else:
            messages.success(request, _("The act was entered in the register."))
            return redirect("backoffice:civil_act", act_id=act.pk)
    return render(request, "backoffice/act_new.html", {"bureau": bureau, "form": form})


@never_cache
@login_required
def act(request, act_id):
    try:
        found = selectors.act_for(request.user, act_id)
    except Act.DoesNotExist:
        raise Http404(_("Nothing was found at this address."))
    keeper = selectors.may_keep_register(request.user, found.bureau)
    if request.method == "POST" and keeper:
        try:
            _change(request, found)
        except ActRefused as refused:
            for problems in refused.errors.values():
                for problem in problems:
                    messages.error(request, problem)
        else:
            messages.success(request, _("Done."))
            return redirect("backoffice:civil_act", act_id=found.pk)
    elif request.method == "POST":
        raise Http404(_("Nothing was found at this address."))
    return render(
        request,
        "backoffice/civil_act.html",
        {
            "act": found,
            "form": ActForm(instance=found),
            "correctable": CORRECTABLE,
            "keeper": keeper,
            "note_kinds": [k for k in NoteKind if k != NoteKind.RECTIFICATION],
        },
    )


def _change(request, found: Act) -> None:
    post = request.POST
    if post.get("change") == "note":
        spouse = (post.get("spouse_ar", ""), post.get("spouse_fr", ""))
        services.add_note(
            request.user,
            found,
            post.get("kind", ""),
            parse_date(post.get("on", "")) or None,
            post.get("text_ar", ""),
            post.get("text_fr", ""),
            spouse=spouse if any(spouse) else None,
        )
        return
    changes = {f: post[f] for f in CORRECTABLE if f in post and post[f] != _shown(found, f)}
    services.correct_act(request.user, found, changes, post.get("reason", ""))


def _shown(act: Act, name: str) -> str:
    value = getattr(act, name)
    return "" if value is None else str(value)


def _show(form, refused: ActRefused) -> None:
    """The form shows its own mistakes; those only the register knows (a number taken) too."""
    form.is_valid()
    for name, problems in refused.errors.items():
        if name not in form.errors:
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
