"""The audit log: append-only, hash-chained, keyed with VOORDEUR_AUDIT_KEY."""

from django.db import models


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "create"
        UPDATE = "update", "update"
        DELETE = "delete", "delete"
        READ = "read", "read"
        AGGREGATE = "aggregate", "aggregate"
        EXPORT = "export", "export"
        IMPORT = "import", "import"
        LOGIN = "login", "login"
        LOGIN_FAILED = "login_failed", "login_failed"
        LOGOUT = "logout", "logout"
        TOKEN = "token", "token"
        TRANSITION = "transition", "transition"
        EMERGENCY_OVERRIDE = "emergency_override", "emergency_override"
        DIGEST = "digest", "digest"
        KEYS_ROTATE = "keys_rotate", "keys_rotate"
        RESTORE = "restore", "restore"
        SUBJECT_EXPORT = "subject_export", "subject_export"
        ERASURE = "erasure", "erasure"
        RETENTION = "retention", "retention"
        ACCESS_DENIED = "access_denied", "access_denied"

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor_id = models.PositiveBigIntegerField(null=True)
    actor = models.CharField(max_length=150)
    role = models.CharField(max_length=20, blank=True)
    partner = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    category = models.CharField(max_length=20, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True, db_index=True)
    trajectory_id = models.PositiveBigIntegerField(null=True, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]


class AuditHead(models.Model):
    """The chain's head: the last sequence number and hash. One row, locked on append."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
