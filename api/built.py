"""Serializers built once per thread, then used for every request's records.

DRF builds a serializer's fields, and those of every serializer nested in it, each time one is
made: deep copies of the declared fields, on every request. For the list of ICSs that cost as
much as writing the list. Here each serializer class is made once per thread and kept; a
request's context is put on it while it writes that request's records, and taken off after.
Fields read the context through their root (`Field.context`), so nothing of one request is left
for the next. The schema and the postcode answers still make serializers the usual way.
"""

import threading

_kept = threading.local()


def _serializer(serializer_class):
    made = _kept.__dict__.setdefault("serializers", {})
    if serializer_class not in made:
        made[serializer_class] = serializer_class()
    return made[serializer_class]


def represent(serializer_class, records, context, many=False):
    """What `serializer_class(records, many=many, context=context).data` holds, as plain lists
    and dicts."""
    serializer = _serializer(serializer_class)
    serializer._context = context
    try:
        if many:
            return [serializer.to_representation(record) for record in records]
        return serializer.to_representation(records)
    finally:
        serializer._context = {}
