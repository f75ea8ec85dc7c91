from educluster.agreements.models.agreements import Agreement, AgreementParty, AgreementScan
from educluster.agreements.models.audit import AuditEvent
from educluster.agreements.models.obligations import (
    Area,
    EvidenceFile,
    FulfilmentReport,
    Obligation,
    Occurrence,
    Recurrence,
    ReminderRun,
)

__all__ = [
    "Agreement",
    "AgreementParty",
    "AgreementScan",
    "Area",
    "AuditEvent",
    "EvidenceFile",
    "FulfilmentReport",
    "Obligation",
    "Occurrence",
    "Recurrence",
    "ReminderRun",
]
