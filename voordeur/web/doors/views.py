"""The door grid and the household list of one trajectory."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.cache import patch_vary_headers
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.places.selectors import portiek_list
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.doors.data import DoorData
from voordeur.web.doors.forms import HouseholdSearchForm
from voordeur.web.doors.grid import build_grid
from voordeur.web.doors.languages import language_name
from voordeur.web.doors.layers import DEFAULT_LAYER, layer_for, layers_for
from voordeur.web.doors.search import household_search
from voordeur.web.shell.pages import CategoryPage

PAGE_SIZE = 50


def portieken(user, complex_id: int) -> list[tuple[str, str]]:
    """(code, label) of the complex's portieken the user may see."""
    rows = portiek_list(user=user).filter(complex_id=complex_id).order_by("code").values_list("code", "name")
    return [(code, f"{code} – {name}" if name else code) for code, name in rows]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


class DoorGridView(CategoryPage, TemplateView):
    """The flat as floors x front doors, coloured by one layer the user may see."""

    primary_category = Category.PLACES
    template_name = "web/doors/door_grid.html"
    partial_template_name = "web/doors/_grid.html"

    def get_template_names(self) -> list[str]:
        return [self.partial_template_name if is_htmx(self.request) else self.template_name]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        layer = layer_for(user, self.request.GET.get("laag") or DEFAULT_LAYER)
        choices = portieken(user, trajectory.complex_id)
        portiek = self.request.GET.get("portiek", "")
        if portiek and portiek not in dict(choices):
            raise Http404
        data = DoorData(user=user, complex_id=trajectory.complex_id, portiek=portiek)
        computed = layer.compute(data)
        links = {}
        if grant(user, Category.CONTACT).reads:  # data.households holds only households whose contact is visible
            links = {unit_id: household.household_id for unit_id, household in data.households.items()}
        return super().get_context_data(
            trajectory=trajectory,
            layers=layers_for(user),
            layer=layer,
            portieken=choices,
            portiek=portiek,
            grid=build_grid(data.doors, computed.values, computed.legend, links),
            **kwargs,
        )


class HouseholdListView(CategoryPage, TemplateView):
    """The trajectory's current households the user may see, 50 a page, searchable."""

    primary_category = Category.CONTACT
    template_name = "web/doors/household_list.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        show_places = grant(user, Category.PLACES).reads
        choices = portieken(user, trajectory.complex_id) if show_places else []
        form = HouseholdSearchForm(self.request.GET or None, portieken=choices)
        form.is_valid()  # an invalid field is shown with its error; the valid ones still filter
        query = getattr(form, "cleaned_data", {})
        households = household_search(
            user, complex_id=trajectory.complex_id, text=query.get("q", ""), portiek=query.get("portiek", ""),
            by_address=show_places,
        )
        page = Paginator(households, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        show_size = grant(user, Category.HOUSEHOLD).reads
        rows = [
            {
                "household": household,
                "language": language_name(household.language) if household.language else "",
                "size": household.size
                if show_size and field_visible(user, Category.HOUSEHOLD, household_id=household.pk)
                else None,
            }
            for household in page.object_list
        ]
        params = self.request.GET.copy()
        params.pop("pagina", None)
        return super().get_context_data(
            trajectory=trajectory,
            form=form,
            page=page,
            rows=rows,
            show_places=show_places,
            show_size=show_size,
            query_string=params.urlencode(),
            **kwargs,
        )
