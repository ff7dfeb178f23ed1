"""One signal for "the directory's data changed", sent once after the change is committed.

Saving, deleting or re-linking any record of the directory's apps schedules `directory_changed`
for when the transaction commits (at once outside a transaction), once per transaction however
many records it touched. Receivers (the search index, then the page cache's data version) so never
run while other connections can still read the old rows. A rolled-back change sends nothing.
A fixture load saves raw records and sends the signal itself at the end.
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

DIRECTORY_APPS = ("sources", "systems", "boards")

directory_changed = Signal()


def watch_directory_models():
    """Connect every change of a directory model (called once, from AppConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"directory-changed-{signal}")


def send_directory_changed():
    directory_changed.send(sender=None)


def _on_change(sender, **kwargs):
    if kwargs.get("raw") or getattr(sender, "DERIVED", False) or not _is_directory(sender):
        return
    if not any(entry[1] is send_directory_changed for entry in connection.run_on_commit):
        transaction.on_commit(send_directory_changed)


def _is_directory(model):
    owner = model._meta.auto_created or model  # an M2M's through model belongs to its owner
    return owner._meta.app_label in DIRECTORY_APPS
