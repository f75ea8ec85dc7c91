"""Pages of the loop between modules: hosts generated from School-Labs, seat offers and
vacancies, and the reset of a round whose run got stuck."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from educluster.placements import selectors, services
from educluster.placements.views._common import report, require


@login_required
@require_POST
def hosts_generate(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    try:
        result = services.round_hosts_generate(actor=request.user, round=rnd)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, result.message())
    return redirect("placements:hosts", pk=rnd.pk)


@login_required
@require_POST
def round_reset(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_for_user(request.user, pk)
    require(request, "placements.manage_round", rnd)
    try:
        services.round_reset(actor=request.user, round=rnd, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, services.reset_message(rnd))
    return redirect(rnd)
