"""Build the systems app's fixture records from the project's tables and the shared public files.

Each step reads the files it needs, checks them against each other where they overlap (a
disagreement stops the build with a message) and adds records in load order.
"""

from sources.fixtures import FixtureSet

from . import (
    boundaries,
    contacts,
    councils,
    geography,
    local,
    partners,
    postcodes,
    practices,
    seeds,
)
from .data import BuildData


def build(fixtures, files):
    """Add every systems record to `fixtures` from `files` (sources.files.SourceFiles); return
    the other files it generates (boundaries, the postcode lookup, and the GP practices in a
    fixture file of their own, loaded after the rest), by path under fixtures/."""
    data = BuildData(files)
    geography.build_regions(fixtures, data)
    geography.build_systems_and_boards(fixtures, data)
    geography.build_successions_and_clusters(fixtures, data)
    contacts.build_contacts(fixtures, data)
    geography.build_sub_icb_locations(fixtures, data)
    councils.build_local_authorities(fixtures, data)
    partners.build_trusts(fixtures, data)
    bodies = local.reports(data)
    seeds.build_partnerships(fixtures, data, bodies)
    seeds.build_organisations_and_initiatives(fixtures, data)
    local.build_local_partnerships(fixtures, data, bodies)
    seeds.build_commissioning(fixtures, data)
    return {
        **boundaries.build(data),
        **postcodes.build(data),
        **practices.build(FixtureSet(fixtures.checked), data),
    }
