"""Chart geometry, tested on the numbers: bars stack to their counts, markers sit where the data
says, and the network layout is the same for the same data."""

from __future__ import annotations

import pytest

from onrecord.store.queries import Edge, Escalation, Network, Node, SeriesPoint
from onrecord.web import charts
from onrecord.web.charts import RELATION_COLOURS, network_chart, timeline_chart, type_colour


def _series(*points: SeriesPoint) -> Escalation:
    return Escalation(source="a", target="b", period="month", types=["SUPPORT", "THREATEN"],
                      points=list(points), undated=0)


def test_bars_stack_to_each_period_count():
    chart = timeline_chart(_series(
        SeriesPoint(period="2024-01", counts={"THREATEN": 3, "SUPPORT": 1},
                    conditional_threats=2, intensity=-2.0),
        SeriesPoint(period="2024-02", counts={}, conditional_threats=0, intensity=None),
        SeriesPoint(period="2024-03", counts={"THREATEN": 2}, conditional_threats=0,
                    intensity=-4.0),
    ))
    left, top, right, bottom = chart.plot
    january = [b for b in chart.bars if b.label.startswith("Jan 2024")]
    assert [b.label for b in january] == ["Jan 2024: 1 SUPPORT", "Jan 2024: 3 THREATEN"]
    assert january[0].y + january[0].height == pytest.approx(bottom)  # cooperation at the base
    assert january[1].y + january[1].height == pytest.approx(january[0].y)
    per_event = january[0].height
    assert january[1].height == pytest.approx(3 * per_event)
    assert [b.height / per_event for b in chart.bars if b.label.startswith("Mar 2024")] == [
        pytest.approx(2)]
    assert [t.label for t in chart.y_ticks] == ["0", "1", "2", "3", "4"]
    assert chart.y_ticks[-1].at == pytest.approx(top)
    [marker] = chart.conditional
    assert marker.y < january[1].y and "2 conditional" in marker.label
    assert len(chart.intensity) == 2  # February has none: the line skips it
    assert chart.intensity[1].y > chart.intensity[0].y  # -4 is lower than -2
    assert [t.label for t in chart.x_ticks] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    assert [c for _, c in chart.legend] == [type_colour("SUPPORT"), type_colour("THREATEN")]


def test_long_series_thin_out_their_labels():
    points = [SeriesPoint(period=f"p{i:03d}", counts={"THREATEN": 1}, conditional_threats=0,
                          intensity=None) for i in range(100)]
    chart = timeline_chart(_series(*points))
    assert 6 <= len(chart.x_ticks) <= 12
    assert len(chart.bars) == 100


def test_types_keep_their_relation_colours():
    assert type_colour("THREATEN") != type_colour("ACCUSE")
    assert type_colour("SUPPORT").startswith("#") and type_colour("NEWTYPE").startswith("#")
    assert type_colour("THREATEN") == type_colour("THREATEN")


def _network() -> Network:
    return Network(
        nodes=[Node(actor=k, name=k.upper(), events=n) for k, n in
               [("a", 4), ("b", 3), ("c", 1)]],
        edges=[
            Edge(source="a", target="b", relation="conflict", count=3, types={"THREATEN": 3}),
            Edge(source="b", target="a", relation="cooperation", count=1, types={"AID": 1}),
            Edge(source="c", target="c", relation="other", count=1, types={"REQUEST": 1}),
        ],
    )


def test_network_layout_is_deterministic_and_weighted():
    chart = network_chart(_network())
    assert chart == network_chart(_network())
    assert [n.actor for n in chart.nodes] == ["a", "b", "c"]
    first = chart.nodes[0]
    assert first.x == pytest.approx(chart.width / 2) and first.y < chart.height / 2  # at the top
    assert chart.nodes[0].r > chart.nodes[2].r  # busier actor, bigger node
    conflict, cooperation = chart.edges  # the self-loop is not drawn
    assert (conflict.colour, cooperation.colour) == (RELATION_COLOURS["conflict"],
                                                    RELATION_COLOURS["cooperation"])
    assert conflict.width > cooperation.width
    assert conflict.path != cooperation.path  # opposite directions bend apart
    assert conflict.label == "A → B: 3 THREATEN"


def test_network_sits_a_state_beside_its_officials_and_labels_every_edge():
    net = Network(
        nodes=[Node(actor="deu", name="Germany", events=5, country="DEU"),
               Node(actor="gbr-roe", name="Jane Roe", events=2, country="GBR"),
               Node(actor="rus", name="Russia", events=1, country="RUS"),
               Node(actor="rus-petrov", name="Ivan Petrov", events=6, country="RUS"),
               Node(actor="un", name="United Nations", events=1)],
        edges=[Edge(source="rus-petrov", target="deu", relation="conflict", count=4,
                    types={"THREATEN": 4})],
    )
    chart = network_chart(net)
    assert [n.actor for n in chart.nodes] == ["deu", "gbr-roe", "rus-petrov", "rus", "un"]
    assert [g.country for g in chart.groups] == ["RUS"]  # a state with more than one actor
    left = [n for n in chart.nodes if n.x < chart.width / 2 - 1]
    assert left and all(n.anchor == "end" for n in left)  # outward on the left half too
    [edge] = chart.edges
    assert edge.count == 4 and 0 < edge.mid_x < chart.width and 0 < edge.mid_y < chart.height


def test_a_dense_network_draws_its_heaviest_arrows_and_counts_the_rest(monkeypatch):
    monkeypatch.setattr(charts, "MAX_EDGES", 2)
    chart = network_chart(_network())
    assert [e.count for e in chart.edges] == [3, 1] and chart.hidden == 1
    assert chart.edges[0].label == "A → B: 3 THREATEN"  # the heaviest kept
