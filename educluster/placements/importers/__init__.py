"""Placement imports: a round's applicants with their choices, its hosts, and the hosts' own
rankings. Importing the modules registers the importers (found by ``importer_class``)."""

from educluster.placements.importers.applicants import ApplicantImporter
from educluster.placements.importers.hosts import HostImporter
from educluster.placements.importers.rankings import HostRankingImporter

__all__ = ["ApplicantImporter", "HostImporter", "HostRankingImporter"]
