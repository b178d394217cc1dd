"""Create the PostgreSQL database of DATABASE_URL if it does not exist (for `make test-integration`).

pytest-django creates its own ``test_<name>`` database; this makes sure the server answers and the base
database exists for ``manage.py`` and a worker run by hand. Exit code 1 (with the reason) if the
server cannot be reached.
"""

import os
import sys

import environ
import psycopg
from psycopg import sql


def main():
    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in config["ENGINE"]:
        print(f"DATABASE_URL is not PostgreSQL ({config['ENGINE']}); nothing to create.")
        return 0
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
                print(f"Created database {config['NAME']}.")
    except psycopg.Error as exc:
        print(f"PostgreSQL at {params['host']}:{params['port']} is not usable: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
