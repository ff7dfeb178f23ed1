"""Django's PostgreSQL backend with a deadline on every query, the connection check included.

A frozen server (stopped by a signal, a hung disk or network) accepts a query and never answers:
its own statement_timeout cannot fire, and the worker would wait for ever, cached pages queuing
behind it. A watchdog thread shuts the socket of any query still waiting at its deadline, so the
query fails at once: the request gets the error page and the worker is free again. Connecting is
bounded by libpq's connect_timeout (settings).
"""

from django.conf import settings
from django.db.backends.postgresql import base

from icsdir.watchdog import WATCHDOG


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._with_deadline)

    def _deadline(self):
        return WATCHDOG.watch(self.connection.fileno(), settings.DATABASE_QUERY_DEADLINE)

    def _with_deadline(self, execute, sql, params, many, context):
        token = self._deadline()
        try:
            return execute(sql, params, many, context)
        finally:
            WATCHDOG.release(token)

    def is_usable(self):
        # The check before a reused connection's first query, made outside execute().
        token = self._deadline()
        try:
            return super().is_usable()
        finally:
            WATCHDOG.release(token)
