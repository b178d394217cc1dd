"""URL names that anonymous visitors may open. Every other view must refuse them (a test walks the URLs)."""

PUBLIC_URL_NAMES = frozenset(
    {
        "core:home",
        "core:healthz",
        "presessions:call_detail",
    }
)
