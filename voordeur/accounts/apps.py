from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "voordeur.accounts"
    label = "accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from voordeur.accounts import auth_events

        user_logged_in.connect(auth_events.on_login, dispatch_uid="voordeur.audit.login")
        user_logged_out.connect(auth_events.on_logout, dispatch_uid="voordeur.audit.logout")
        user_login_failed.connect(auth_events.on_login_failed, dispatch_uid="voordeur.audit.login_failed")
        user_locked_out.connect(auth_events.on_locked_out, dispatch_uid="voordeur.audit.locked_out")
