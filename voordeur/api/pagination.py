from rest_framework.pagination import PageNumberPagination

META = {"x-voordeur-category": "meta"}


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        for prop in paginated["properties"].values():
            prop.update(META)
        return paginated
