"""School-Lab workflows (``<noun>_<verb>(*, actor, …)``, atomic, recorded in the history) and
the adapter to the statistics engine (:mod:`.analysis`)."""

from .analysis import StudyReport, report_sentences, study_analyse, study_arrays
from .awards import activity_award_delete, activity_award_record
from .labs import (
    activity_delete,
    activity_file_add,
    activity_file_delete,
    activity_save,
    calendar_token_renew,
    calendar_token_revoke,
    lab_create,
    lab_update,
    term_save,
)
from .practice import (
    evaluation_save,
    hours_decide,
    hours_log,
    hours_update,
    placement_create,
    placement_update,
)
from .studies import (
    ResultRow,
    group_delete,
    group_save,
    instrument_save,
    item_delete,
    item_save,
    pupil_data_logged,
    result_delete,
    results_save,
    study_save,
)

__all__ = [
    "ResultRow",
    "StudyReport",
    "activity_award_delete",
    "activity_award_record",
    "activity_delete",
    "activity_file_add",
    "activity_file_delete",
    "activity_save",
    "calendar_token_renew",
    "calendar_token_revoke",
    "evaluation_save",
    "group_delete",
    "group_save",
    "hours_decide",
    "hours_log",
    "hours_update",
    "instrument_save",
    "item_delete",
    "item_save",
    "lab_create",
    "lab_update",
    "placement_create",
    "placement_update",
    "pupil_data_logged",
    "report_sentences",
    "result_delete",
    "results_save",
    "study_analyse",
    "study_arrays",
    "study_save",
    "term_save",
]
