"""Filters refuse values outside their vocabulary by name (issue 20, finding 11): an unknown
event type answered 200 with an empty list, as if no such events had happened."""

import pytest
from pydantic import ValidationError

from onrecord.store.filters import EventFilter


def test_a_known_event_type_in_any_case_is_read():
    assert EventFilter(type=["threaten", "Accuse"]).type == ["THREATEN", "ACCUSE"]


def test_an_unknown_event_type_is_refused_naming_it():
    with pytest.raises(ValidationError, match="'THREATN' is not a PLOVER event type"):
        EventFilter(type=["THREATN"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_api_answers_422_for_an_unknown_event_type(client):
    response = client.get("/api/events", params={"type": "THREATN"})
    assert response.status_code == 422 and "THREATN" in response.text
    assert client.get("/api/events", params={"type": "threaten"}).status_code == 200
