"""Models of the briefs app live in their packages (compilation, pdf); imported here for Django."""

from briefs.compilation.models import Brief  # noqa: F401
from briefs.distribution.models import BriefRecipient  # noqa: F401
from briefs.pdf.models import BriefDocument  # noqa: F401
