from educluster.placements.models.applicants import Applicant
from educluster.placements.models.employment import GraduateOutcome, TargetedContract
from educluster.placements.models.offers import SeatOffer
from educluster.placements.models.results import Assignment, HostRanking, Preference
from educluster.placements.models.rounds import Host, PlacementRound

__all__ = [
    "Applicant",
    "Assignment",
    "GraduateOutcome",
    "Host",
    "HostRanking",
    "PlacementRound",
    "Preference",
    "SeatOffer",
    "TargetedContract",
]
