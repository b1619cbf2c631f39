"""The referrals and promises API beyond the generated matrix: status changes with versions
(409 when stale), the workflow's 400 and 403, nested histories and the reason rule."""

from tests.personas import World
from tests.personas_referrals import REASONS
from voordeur.referrals.models import Promise, Referral

RS, PS = Referral.Status, Promise.Status


def url(world: World, resource: str, label: str, action: str = "") -> str:
    return f"/api/v1/{resource}/{world.referral_pks[label]}/{action + '/' if action else ''}"


def test_a_transition_names_the_version_it_read(world, client_for):
    debt = client_for("debt_help")
    target = url(world, "referrals", "R2", "transition")
    missing = debt.post(target, {"status": RS.ACCEPTED}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    done = debt.post(target, {"status": RS.ACCEPTED, "version": 1, "note": "Wij bellen"}, format="json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["status"] == RS.ACCEPTED and body["version"] == 2
    assert [(e["from_status"], e["to_status"], e["note"]) for e in body["events"]] == [
        ("", RS.SENT, ""), (RS.SENT, RS.ACCEPTED, "Wij bellen")]
    stale = debt.post(target, {"status": RS.DECLINED, "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert Referral.objects.get(pk=world.referral_pks["R2"]).status == RS.ACCEPTED


def test_the_workflow_answers_400_for_the_table_and_403_for_the_party(world, client_for):
    nbh = client_for("nbh_team")
    r1 = url(world, "referrals", "R1", "transition")  # accepted, to nbh
    assert nbh.post(r1, {"status": RS.DECLINED, "version": 1}, format="json").status_code == 400
    no_feedback = nbh.post(r1, {"status": RS.COMPLETED, "version": 1}, format="json")
    assert no_feedback.status_code == 400 and "feedback" in no_feedback.json()
    assert nbh.post(r1, {"status": "gone", "version": 1}, format="json").status_code == 400
    broker = client_for("broker")
    assert broker.post(url(world, "referrals", "R5", "transition"), {"status": RS.ACCEPTED, "version": 1},
                       format="json").status_code == 403  # the sender does not accept
    assert client_for("director").post(url(world, "referrals", "R5", "transition"),
                                       {"status": RS.ACCEPTED, "version": 1}, format="json").status_code == 403
    assert client_for("outsider").post(r1, {"status": RS.WITHDRAWN, "version": 1},
                                       format="json").status_code == 404


def test_promise_transitions_and_kept_on(world, client_for):
    contractor = client_for("contractor")
    p6 = url(world, "promises", "P6", "transition")
    # debt help sees nbh's promise on a household linked to both, but neither keeps nor made it
    p1_kept = url(world, "promises", "P1", "transition")
    p1 = Promise.objects.get(pk=world.referral_pks["P1"])
    assert p1.status == PS.KEPT
    p2 = url(world, "promises", "P2", "transition")  # owned by debt help, made by nbh: open
    assert client_for("nbh_team").post(p2, {"status": PS.KEPT, "version": 1}, format="json").status_code == 403
    assert client_for("debt_help").post(p2, {"status": PS.CANCELLED, "version": 1},
                                        format="json").status_code == 403
    assert client_for("debt_help").post(p1_kept, {"status": PS.BROKEN, "version": 1},
                                        format="json").status_code == 400  # P1 was kept: final
    kept = contractor.post(p6, {"status": PS.KEPT, "version": 1, "kept_on": "2099-01-01"}, format="json")
    assert kept.status_code == 400 and "kept_on" in kept.json()
    kept = contractor.post(p6, {"status": PS.KEPT, "version": 1}, format="json")
    assert kept.status_code == 200 and kept.json()["kept_on"] is not None
    assert [e["to_status"] for e in kept.json()["events"]] == [PS.OPEN, PS.KEPT]
    # the maker of a promise (own-write) sees every field of it, like its owner
    nbh_made = client_for("nbh_team").get(url(world, "promises", "P2")).json()
    assert nbh_made["text"].startswith("Schuldhulp Persona") and nbh_made["made_by_partner_name"] == "Buurtteam Persona"


def test_the_reason_goes_to_the_sender_and_with_consent_to_the_receiver_only(world, client_for):
    def reasons(who: str) -> dict[str, str | None]:
        rows = client_for(who).get("/api/v1/referrals/", {"page_size": 100}).json()["results"]
        return {row["id"]: row.get("reason") for row in rows}

    ids = world.referral_pks
    broker = reasons("broker")
    assert broker[ids["R1"]] == REASONS["R1"] and broker[ids["R5"]] == REASONS["R5"]
    assert broker[ids["R2"]] is None  # nbh's referral to debt help: not the broker's
    nbh = reasons("nbh_team")
    assert nbh[ids["R1"]] == REASONS["R1"] and nbh[ids["R3"]] == REASONS["R3"]  # received with consent
    assert ids["R4"] not in nbh  # closed 13 months ago: no longer its own
    assert set(reasons("debt_help").values()) == {None}  # debt help reads no conversation content
    director = client_for("director").get("/api/v1/referrals/", {"page_size": 100})
    assert director.status_code == 200 and "Reden-" not in director.content.decode()
    assert {row["id"] for row in director.json()["results"]} == {ids[k] for k in ("R1", "R2", "R3", "R4", "R5")}
    assert client_for("muni_advisor").get("/api/v1/referrals/").status_code == 404  # agg only
    assert client_for("contractor").get("/api/v1/referrals/").status_code == 404
