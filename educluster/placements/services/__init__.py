"""Placement workflows. Functions are ``<noun>_<verb>(*, actor, ...)``, atomic, and record
their author in the history."""

from educluster.placements.services.employment import (
    contract_save,
    outcome_confirm,
    outcome_save,
    outcome_self_report,
    outcomes_from_round,
)
from educluster.placements.services.hosts import round_hosts_generate
from educluster.placements.services.inputs import (
    applicant_remove,
    applicant_update,
    applicants_add,
    host_ranking_edit,
    host_ranking_set,
    host_remove,
    host_save,
    host_set_ranking,
    preference_edit,
    preferences_set,
)
from educluster.placements.services.rounds import (
    assignment_respond,
    round_close,
    round_correct,
    round_create,
    round_execute,
    round_open,
    round_publish,
    round_review,
    round_run,
    round_second,
    round_update,
)
from educluster.placements.services.stuck import reset_message, round_reset

__all__ = [
    "applicant_remove",
    "applicant_update",
    "applicants_add",
    "assignment_respond",
    "contract_save",
    "host_ranking_edit",
    "host_ranking_set",
    "host_remove",
    "host_save",
    "host_set_ranking",
    "outcome_confirm",
    "outcome_save",
    "outcome_self_report",
    "outcomes_from_round",
    "preference_edit",
    "preferences_set",
    "reset_message",
    "round_close",
    "round_correct",
    "round_create",
    "round_execute",
    "round_hosts_generate",
    "round_open",
    "round_publish",
    "round_reset",
    "round_review",
    "round_run",
    "round_second",
    "round_update",
]
