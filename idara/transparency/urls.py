from django.urls import path, re_path

from idara.transparency import budget_views, open_data, views

app_name = "transparency"
CODE = r"(?P<code>[0-9.]+)"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("methodology/", views.methodology, name="methodology"),
    path("open-data/", open_data.dictionary, name="open_data"),
    re_path(r"^regions/(?P<region_code>[0-9.]+)/$", views.ranking, name="region"),
    re_path(rf"^{CODE}/$", views.scorecard, name="scorecard"),
    re_path(rf"^{CODE}/budgets/$", budget_views.budgets, name="budgets"),
    re_path(
        rf"^{CODE}/budgets/(?P<year>[0-9]{{4}})/(?P<kind>adopted|executed)/$",
        budget_views.budget,
        name="budget",
    ),
]
