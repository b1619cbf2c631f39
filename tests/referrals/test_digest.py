"""`voordeur promises digest`: one Dutch e-mail per user with overdue promises, once a day,
to the owning organisation's users and to those who oversee all promises — never with a
resident's name or conversation content."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from tests.access.expect import forbidden_values
from tests.personas import World
from tests.personas_referrals import OVERRIDE_REASON, REASONS
from voordeur.audit.models import AuditEvent
from voordeur.referrals import digest
from voordeur.referrals.models import DigestSent

P2 = "Schuldhulp Persona neemt binnen 5 werkdagen contact op"
P6 = "Toezegging-P6 aannemer repareert de voordeur"
OP1 = "Toezegging-OP1 ander welzijn belt"
# who has overdue promises to act on or oversee in the persona world, and which
EXPECTED = {
    "director": {P2, P6}, "social_manager": {P2, P6}, "reno_lead": {P2, P6}, "broker": {P2, P6},
    "debt_help": {P2}, "contractor": {P6}, "outsider": {OP1},
}


def run(**options) -> str:
    out = io.StringIO()
    call_command("promises", "digest", stdout=out, **options)
    return out.getvalue()


def by_recipient() -> dict[str, mail.EmailMessage]:
    return {message.to[0].split("@")[0]: message for message in mail.outbox}


def test_each_user_gets_one_dutch_digest_of_their_overdue_promises(world: World, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(base_url="https://voordeur.example.nl/")
    messages = by_recipient()
    assert set(messages) == set(EXPECTED), output
    for who, texts in EXPECTED.items():
        body = messages[who].body
        for text in EXPECTED["director"] | {OP1}:
            assert (text in body) == (text in texts), (who, text)
        assert messages[who].subject == f"Voordeur: {len(texts)} toezegging{'en' if len(texts) > 1 else ''} over de termijn"
        assert "Beste Voornaam-" in body and "uiterlijk" in body
    director = messages["director"].body
    assert "Akkerstraat 11 (Akkerflat Vernieuwt)" in director  # h1's home: places, not the household
    assert "https://voordeur.example.nl/t/ons-traject/toezeggingen/?te_laat=1" in director
    assert "Akkerflat" not in messages["outsider"].body
    assert output.count(" overdue") == len(EXPECTED)


def test_the_digest_holds_no_names_and_no_conversation_content(world: World, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert mail.outbox
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for reason in [*REASONS.values(), OVERRIDE_REASON, "Terugmelding-R3"]:
            assert reason not in text
        for label, values in world.values.items():
            for value in values.values():
                assert value not in text, (message.to, label)
        who = message.to[0].split("@")[0]
        assert not [value for value in forbidden_values(world, who) if value in text]


def test_twice_a_day_sends_once_and_is_audited_once(world: World, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    with django_capture_on_commit_callbacks(execute=True):
        second = run()
    assert len(mail.outbox) == len(EXPECTED)
    assert f"0 digests sent, 0 failed, {len(EXPECTED)} already sent today" in second
    assert DigestSent.objects.count() == len(EXPECTED)
    events = AuditEvent.objects.filter(action="digest")
    assert events.count() == 1
    event = events.get()
    assert event.category == "promises" and event.actor.startswith("system:")
    assert sorted(event.detail["recipients"]) == sorted(world.users[who] for who in EXPECTED)
    assert event.detail["promises"] == sum(len(texts) for texts in EXPECTED.values())


def test_dry_run_sends_and_records_nothing(world: World, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(dry_run=True)
    assert mail.outbox == [] and not DigestSent.objects.exists() and not AuditEvent.objects.filter(action="digest")
    assert f"{len(EXPECTED)} digests would be sent" in output
    assert f"user {world.users['debt_help']}: 1 overdue" in output
    assert "@" not in output  # no addresses on the console


def test_a_failed_mail_is_retried_on_the_next_run(world: World, django_capture_on_commit_callbacks, monkeypatch):
    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == ["contractor@persona.example"]:
            raise OSError("mail server said no")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert len(mail.outbox) == len(EXPECTED) - 1
    assert not DigestSent.objects.filter(user_id=world.users["contractor"]).exists()
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert [m.to for m in mail.outbox].count(["contractor@persona.example"]) == 1


def test_users_without_an_address_or_inactive_get_nothing(world: World, django_capture_on_commit_callbacks):
    from voordeur.accounts.models import User

    User.objects.filter(pk=world.users["debt_help"]).update(email="")
    User.objects.filter(pk=world.users["contractor"]).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert set(by_recipient()) == set(EXPECTED) - {"debt_help", "contractor"}


@pytest.mark.parametrize("address", [True, False])
def test_compose_names_the_home_only_when_places_may_be_read(address):
    import datetime as dt

    line = digest.DigestLine(trajectory="Traject", address="Straat 1" if address else None, text="Belt terug",
                             owner="Gemeente", due_date=dt.date(2027, 5, 3))
    subject, body = digest.compose(name="Sam", lines=[line], links=[("Traject", "/t/x/toezeggingen/?te_laat=1")],
                                   day=dt.date(2027, 5, 10))
    assert subject == "Voordeur: 1 toezegging over de termijn"
    assert ("Straat 1 (Traject)" in body) is address and ("een woning (Traject)" in body) is not address
    assert "uiterlijk 3 mei 2027" in body and "Op 10 mei 2027 is deze toezegging" in body
