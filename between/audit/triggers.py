"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on audit rows.

Installed after every migrate (and every test flush) by a post_migrate handler, using
statements that are safe to run again.
"""

from django.db import connection as default_connection

INSTALL = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE TRIGGER audit_append_only BEFORE UPDATE OR DELETE
           ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
        # TRUNCATE skips row triggers, so it gets a statement trigger of its own.
        """CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE
           ON audit_auditevent FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()""",
    ],
}

DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent",
        "DROP TRIGGER IF EXISTS audit_no_truncate ON audit_auditevent",
    ],
}


def _execute(statements, connection) -> None:
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection=default_connection) -> None:
    _execute(INSTALL, connection)


def drop(connection=default_connection) -> None:
    """Only for restoring from backup or for test teardown; the log is otherwise sealed."""
    _execute(DROP, connection)


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections, router

    from between.audit.models import AuditEvent

    if router.allow_migrate_model(using, AuditEvent):  # not in the key store
        install(connections[using])
