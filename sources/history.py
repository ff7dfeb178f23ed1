"""Source links in the change history: every entry keeps the record's sources as they were then,
so that removing a source shows in the history and reverting to an entry brings its sources back.

simple-history takes the snapshot when the record is saved; the admin saves the source links
(an inline) after the record, and a fixture load saves them raw, so both bring the snapshot up
to date here once the links are written.
"""

from .models import SOURCED_HISTORY


def _link_history(record):
    return SOURCED_HISTORY.m2m_models[record._meta.get_field("sources")]


def snapshot_source_links(record, entry):
    """Make the history `entry` of `record` hold the record's source links as they now are."""
    _link_history(record).objects.filter(history=entry).delete()
    SOURCED_HISTORY.create_historical_record_m2ms(entry, record)


def snapshot_latest(record):
    entry = record.history.order_by("-history_date", "-history_id").first()
    if entry is not None:
        snapshot_source_links(record, entry)


def restore_source_links(record, entry_id):
    """Give `record` the source links of its history entry `entry_id`; an entry that kept none
    (one made before links were kept) leaves them as they are, so no record loses its sources."""
    kept = list(
        _link_history(record).objects.filter(history_id=entry_id).values_list("source", flat=True)
    )
    if kept:
        record.skip_history_when_saving = True  # the revert's own entry gets the snapshot below
        try:
            record.sources.set(kept)
        finally:
            del record.skip_history_when_saving
    snapshot_latest(record)
