from tests.factories.world import _fast_passwords, login, world  # noqa: F401
