"""Stable addresses, outside the language prefix: the share cards and the open data files."""

from django.urls import path, re_path

from idara.transparency import open_data, views

app_name = "open_data"
CODE = r"(?P<code>[0-9.]+)"
FORMAT = r"\.(?P<fmt>csv|json)$"
urlpatterns = [
    path("cards/top-ten.png", views.top_ten_card, name="top_ten_card"),
    re_path(rf"^cards/{CODE}\.png$", views.scorecard_card, name="scorecard_card"),
    re_path(rf"^ranking/(?P<period>[0-9]{{4}}-Q[1-4]){FORMAT}", open_data.ranking, name="ranking"),
    re_path(rf"^indicators/{CODE}{FORMAT}", open_data.indicators, name="indicators"),
    re_path(rf"^law-states/{CODE}{FORMAT}", open_data.law_state_figures, name="law_states"),
    re_path(
        rf"^budgets/{CODE}/(?P<year>[0-9]{{4}})-(?P<kind>adopted|executed){FORMAT}",
        open_data.budget,
        name="budget",
    ),
]
