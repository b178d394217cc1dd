"""URL names that anyone may open without signing in. Every other view must refuse anonymous users."""

PUBLIC_URL_NAMES = frozenset(
    {
        "core:home",
        "presessions:call_detail",
    }
)
