import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from between.safety.services import client_today


@pytest.fixture
def today(client_user):
    return client_today(client_user)


FULL = {"u_to_die": "1", "u_self_harm": "2", "u_use_substances": "0", "u_quit_therapy": "0",
        "b_went_outside": "on", "e_sadness": "3", "e_shame": "1", "e_anger": "0",
        "e_fear": "2", "e_joy": "2", "e_guilt": "1", "e_loneliness": "3",
        "e_emptiness": "1", "skills": ["tipp", "wise_mind"], "skills_rating": "5",
        "as_prescribed": "yes", "prn_name_0": "Propranolol", "prn_dose_0": "10mg",
        "prn_time_0": "14:30", "sleep_hours": "7.5", "present": "Mostly me",
        "note": "Went to the shop and back."}


def migrate(targets):
    """Take the schema to `targets`; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back(committed_db):
    """The tests below go back in time; every test after them needs today's schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
