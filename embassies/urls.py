"""URLs of the embassies app: staff pages under /staff/, the diplomats' token pages under /i/."""

from embassies.missions import urls as missions_urls

app_name = "embassies"

urlpatterns = [*missions_urls.urlpatterns]
