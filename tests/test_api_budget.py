"""``POST /extract`` from a client without the token: a rate and a size in tokens (issue 20,
finding 10: 15 KB of “a  took 24 s, 30 KB pinned a core for minutes and blocked shutdown)."""

from fastapi.testclient import TestClient

from onrecord.app import Settings, create_app

TOKEN = "budget-token"
ARTICLE = {"text": "“We will respond,” the minister said on Tuesday."}


def _client(**settings) -> TestClient:
    return TestClient(create_app(Settings(token=TOKEN, **settings)))


def test_a_client_over_its_rate_gets_429_with_retry_after_and_the_token_holder_does_not():
    client = _client(extract_per_minute=2)
    assert [client.post("/extract", json=ARTICLE).status_code for _ in range(2)] == [200, 200]
    refused = client.post("/extract", json=ARTICLE)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "over 2 extractions a minute" in refused.json()["detail"]
    trusted = client.post("/extract", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert trusted.status_code == 200


def test_an_article_over_the_token_budget_is_413_naming_it_unless_the_token_is_sent():
    client = _client(extract_max_tokens=500)
    marks = {"text": "“a " * 300}  # 600 tokens in 900 characters
    refused = client.post("/extract", json=marks)
    assert refused.status_code == 413 and "600 tokens, over this server's budget of 500" in (
        refused.json()["detail"])
    assert client.post("/extract", json=ARTICLE).status_code == 200
    trusted = client.post("/extract", json=marks, headers={"Authorization": f"Bearer {TOKEN}"})
    assert trusted.status_code == 200
