"""Forms of the School-Lab pages."""

from .labs import (
    ActivityFilterForm,
    ActivityForm,
    ClassCountFormSet,
    EvidenceForm,
    LabForm,
    LabManagerForm,
    TermForm,
)
from .practice import (
    DecisionForm,
    EvaluationForm,
    HoursForm,
    PlacementEditForm,
    PlacementForm,
)
from .studies import (
    GroupForm,
    InstrumentForm,
    ItemForm,
    ResultEntryFormSet,
    StudyForm,
    result_entry_formset,
)

__all__ = [
    "ActivityFilterForm",
    "ActivityForm",
    "ClassCountFormSet",
    "DecisionForm",
    "EvaluationForm",
    "EvidenceForm",
    "GroupForm",
    "HoursForm",
    "InstrumentForm",
    "ItemForm",
    "LabForm",
    "LabManagerForm",
    "PlacementEditForm",
    "PlacementForm",
    "ResultEntryFormSet",
    "StudyForm",
    "TermForm",
    "result_entry_formset",
]
