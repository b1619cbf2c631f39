import pytest

from tests.personas import World
from voordeur.accounts.models import Partner
from voordeur.households.models import Household
from voordeur.lib.dates import today
from voordeur.safety import services

SECRET = "Toets-Omschrijving-77: korte bezoekjes aan de voordeur"


@pytest.fixture
def recorded(world: World):
    """A fresh signal about h6, recorded by the social manager, addressed to the municipality."""
    household = Household.objects.select_related("unit").get(pk=world.households["h6"])
    return services.signal_create(
        unit=household.unit, household=household, to_partner=Partner.objects.get(pk=world.partners["muni"]),
        kind="drug_dealing", observed_on=today(), description=SECRET, by=world.user("social_manager"),
    )
