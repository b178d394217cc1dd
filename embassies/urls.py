"""URLs of the embassies app: staff pages under /staff/, the diplomats' token pages under /i/."""

from embassies.attendance import urls as attendance_urls
from embassies.invitations import urls as invitations_urls
from embassies.missions import urls as missions_urls

app_name = "embassies"

urlpatterns = [*missions_urls.urlpatterns, *invitations_urls.urlpatterns, *attendance_urls.urlpatterns]
