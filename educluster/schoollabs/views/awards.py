"""Results at an exhibition or competition, recorded on the activity page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.pathways.models import Learner
from educluster.schoollabs import selectors, services
from educluster.schoollabs.forms.awards import AwardForm
from educluster.schoollabs.models import Activity, ActivityAward

from ._common import require, show_errors


def _learners(activity: Activity):
    return (
        Learner.objects.filter(cluster_id=activity.cluster_id)
        .select_related("person")
        .order_by("person__full_name", "pupil_code", "pk")
    )


def award_form_for(activity: Activity, data=None) -> AwardForm | None:
    """The form on an exhibition's page; other kinds have no results."""
    if activity.kind != Activity.Kind.EXHIBITION:
        return None
    return AwardForm(data, learners=_learners(activity))


@login_required
@require_POST
def award_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    require(request, "schoollabs.manage_activity", activity)
    form = award_form_for(activity, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            services.activity_award_record(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The result was recorded on the pathway."))
    else:
        for name, problems in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else str(problem))
    return redirect(activity)


@login_required
@require_POST
def award_delete(request: HttpRequest, pk: int, award_pk: int) -> HttpResponse:
    activity = selectors.activity_for_user(request.user, pk)
    require(request, "schoollabs.manage_activity", activity)
    try:
        row = activity.awards.get(pk=award_pk)
    except ActivityAward.DoesNotExist:
        raise Http404 from None
    services.activity_award_delete(actor=request.user, row=row)
    messages.success(request, _("The result was removed."))
    return redirect(activity)
