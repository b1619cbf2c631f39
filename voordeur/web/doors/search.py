"""Finding households by name or address within one complex, through the scoped selector."""

from django.db.models import Q, QuerySet

from voordeur.households.models import Household
from voordeur.households.selectors import household_list


def _term_q(term: str, *, by_address: bool) -> Q:
    """One search word: part of the name, or (when addresses are visible) of street, postcode or number."""
    q = Q(name__icontains=term)
    if by_address:
        q |= Q(unit__street__icontains=term) | Q(unit__postcode__icontains=term)
        if term.isdigit():
            q |= Q(unit__number=int(term))
        elif term[:-1].isdigit() and term[-1:].isalpha():  # "12a"
            q |= Q(unit__number=int(term[:-1]), unit__letter__iexact=term[-1])
    return q


def household_search(
    user, *, complex_id: int, text: str = "", portiek: str = "", by_address: bool = True
) -> QuerySet[Household]:
    """Current households of the complex the user may see; every word of `text` must match."""
    households = household_list(user=user, current_only=True).filter(unit__complex_id=complex_id)
    if portiek:
        households = households.filter(unit__portiek__code=portiek)
    for term in text.split():
        households = households.filter(_term_q(term, by_address=by_address))
    return households.order_by("unit__street", "unit__number", "unit__letter", "unit__addition", "pk")
