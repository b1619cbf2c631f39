"""Re-encrypt every encrypted field under the newest key of VOORDEUR_FIELD_KEYS.

Rotation: put the new key first in VOORDEUR_FIELD_KEYS (keep the old ones after it), run
`voordeur keys rotate`, then remove the old keys. Works on the stored tokens directly
(raw SQL), one table at a time, in one transaction; audited as one event with counts.
"""

from django.db import connection, transaction

from voordeur.audit import log as audit
from voordeur.lib.crypto import encrypted_fields, needs_rotation, rotate

BATCH = 500


def _stored_tokens(table: str, column: str, pk: str):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(pk)}, {quote(column)} FROM {quote(table)} WHERE {quote(column)} IS NOT NULL")
        return cursor.fetchall()


@transaction.atomic
def rotate_all(*, dry_run: bool = False, by=None) -> dict[str, int]:
    """{"app.Model.field": rows re-encrypted (or due, with dry_run)}."""
    counts: dict[str, int] = {}
    quote = connection.ops.quote_name
    for model, name in encrypted_fields():
        field = model._meta.get_field(name)
        table, column, pk = model._meta.db_table, field.column, model._meta.pk.column
        due = [(key, stored) for key, stored in _stored_tokens(table, column, pk) if needs_rotation(stored)]
        counts[f"{model._meta.label}.{name}"] = len(due)
        if dry_run or not due:
            continue
        with connection.cursor() as cursor:
            for start in range(0, len(due), BATCH):
                cursor.executemany(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(pk)} = %s",
                    [(rotate(stored), key) for key, stored in due[start:start + BATCH]],
                )
    if not dry_run:
        audit.record(by, "keys_rotate", category="meta", detail=counts)
    return counts
