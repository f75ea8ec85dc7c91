"""Teacher workforce: positions, staff and vacancies; reference inputs; forecasts."""

from educluster.workforce.models.forecast import (
    ForecastCell,
    ForecastRun,
    Scenario,
    ScenarioOverride,
)
from educluster.workforce.models.positions import (
    Position,
    QualificationCategory,
    StaffRecord,
    Vacancy,
)
from educluster.workforce.models.reference import (
    AgeBand,
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
    Subject,
    WorkforceSettings,
)

__all__ = [
    "AgeBand",
    "AttritionRate",
    "CurriculumHours",
    "DistrictNorm",
    "ForecastCell",
    "ForecastRun",
    "GraduateCohort",
    "Position",
    "PupilCount",
    "QualificationCategory",
    "Scenario",
    "ScenarioOverride",
    "StaffRecord",
    "Subject",
    "Vacancy",
    "WorkforceSettings",
]
