"""The security tests' world: built once per test process, cloned fresh for every test using it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from flask import Flask

from ethicsdesk.extensions import db
from tests.conftest import PostgresDatabases, SqliteDatabases
from tests.security.world import World, build_world, clone_database, sign_in_everyone

_clones = itertools.count()


@pytest.fixture(scope="session")
def world(
    databases: SqliteDatabases | PostgresDatabases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """Demo data plus the extra objects and identities, in a database of its own."""
    instance = tmp_path_factory.mktemp("world") / "instance"
    url = databases.create(f"world{next(_clones)}")
    world = World(instance_path=instance, url=url)
    app = world.app(url)
    with app.app_context():
        world.scenarios = build_world(app)
        world.identities = sign_in_everyone(app)
        db.session.remove()
        db.engine.dispose()
    yield world
    databases.drop(url)


@pytest.fixture
def world_app(world: World, databases: SqliteDatabases | PostgresDatabases) -> Iterator[Flask]:
    """An app on a fresh copy of the world: what one test does never reaches the next."""
    url = clone_database(databases, world.url, f"wc{next(_clones)}")
    app = world.app(url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    databases.drop(url)
