"""School-Labs: platforms, activities, trainee practice and comparative studies."""

from .activities import (
    LAB_KINDS,
    Activity,
    ActivityAward,
    ActivityClassCount,
    ActivityFile,
    CalendarToken,
)
from .instruments import MAX_ITEMS, Instrument, InstrumentItem
from .labs import HOST_KINDS, SchoolLab, Term
from .practice import Evaluation, Placement, PracticeLog
from .studies import Pupil, PupilDataAccess, PupilResult, Study, StudyGroup, Wave

__all__ = [
    "HOST_KINDS",
    "LAB_KINDS",
    "MAX_ITEMS",
    "Activity",
    "ActivityAward",
    "ActivityClassCount",
    "ActivityFile",
    "CalendarToken",
    "Evaluation",
    "Instrument",
    "InstrumentItem",
    "Placement",
    "PracticeLog",
    "Pupil",
    "PupilDataAccess",
    "PupilResult",
    "SchoolLab",
    "Study",
    "StudyGroup",
    "Term",
    "Wave",
]
