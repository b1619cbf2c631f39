"""The base of every page view: login required, and the page's primary data category.

A view declares `primary_category`; a user whose grant for it does not read records gets
404 (the same answer as for something that does not exist). The generated access tests read
the attribute, so every page view sets it.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from voordeur.access.policy import Category
from voordeur.access.scope import grant


class CategoryPage(LoginRequiredMixin):
    primary_category: Category

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not grant(request.user, self.primary_category).reads:
            raise Http404
        return super().dispatch(request, *args, **kwargs)
