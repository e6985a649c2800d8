"""Chart geometry: pure functions from query results to shapes, drawn as inline SVG by templates.

No JavaScript library and nothing from a CDN: the escalation timeline is stacked bars per period
with hollow markers for conditional threats and a line for mean intensity; the actor network is a
deterministic circular layout (actors grouped by state, then by key), so the same data always
draws the same picture. Tested on the numbers, like ``highlight``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from onrecord.store.queries import Escalation, Network, relations
from onrecord.web.dates import readable

#: Colours per relation, handed to a relation's types in the order of plover_relations.yaml;
#: cooperation in greens/blues, conflict in reds/oranges, everything else in greys.
_SHADES = {
    "cooperation": ["#2f9e44", "#1c7ed6", "#66a80f", "#0c8599", "#74b816", "#4263eb", "#37b24d"],
    "conflict": ["#f08c00", "#e8590c", "#c92a2a", "#d6336c", "#ae3ec9", "#862e9c", "#a61e4d",
                 "#e03131"],
    "other": ["#868e96", "#495057", "#adb5bd"],
}
RELATION_COLOURS = {"cooperation": "#2f9e44", "conflict": "#e03131", "other": "#868e96"}

WIDTH, HEIGHT = 900, 340
LEFT, RIGHT, TOP, BOTTOM = 48, 56, 24, 56  # margins: counts axis left, intensity axis right
INTENSITY_RANGE = (-10.0, 10.0)  # PLOVER's Goldstein-like scale
MAX_X_LABELS = 12


def type_colour(event_type: str) -> str:
    """A stable colour per PLOVER type, shaded by its relation."""
    relation = relations().get(event_type, "other")
    same = [t for t, r in relations().items() if r == relation]
    shades = _SHADES[relation]
    index = same.index(event_type) if event_type in same else sum(map(ord, event_type))
    return shades[index % len(shades)]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    bars: list[Rect]
    conditional: list[Dot]  # one hollow marker per period with conditional threats
    intensity: list[Dot]  # mean intensity per period that has one, joined by a line
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    intensity_ticks: list[Tick]
    legend: list[tuple[str, str]]  # (type, colour)

    @property
    def intensity_line(self) -> str:
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in self.intensity)


def _step(top: int) -> int:
    """A tick step giving at most about five ticks: 1, 2, 5, 10, 20, 50..."""
    for magnitude in (10**k for k in range(10)):
        for step in (1, 2, 5):
            if top / (step * magnitude) <= 5:
                return step * magnitude
    return top


def timeline_chart(series: Escalation) -> TimelineChart:
    """Stacked bars of events per period by type, conditional threats, mean intensity."""
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    n = max(len(series.points), 1)
    slot = (right - left) / n
    highest = max((sum(p.counts.values()) for p in series.points), default=0) or 1
    step = _step(highest)
    ceiling = math.ceil(highest / step) * step
    scale = (bottom - top) / ceiling
    low, high = INTENSITY_RANGE

    def intensity_y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    bars, conditional, intensity = [], [], []
    periods = [readable(p.period) or p.period for p in series.points]
    for i, point in enumerate(series.points):
        x, y = left + i * slot + slot * 0.15, bottom
        for event_type in series.types:
            count = point.counts.get(event_type, 0)
            if count:
                y -= count * scale
                bars.append(Rect(x, y, slot * 0.7, count * scale, type_colour(event_type),
                                 f"{periods[i]}: {count} {event_type}"))
        centre = left + (i + 0.5) * slot
        if point.conditional_threats:
            conditional.append(Dot(centre, y - 9, f"{periods[i]}: "
                                   f"{point.conditional_threats} conditional threat(s)"))
        if point.intensity is not None:
            intensity.append(Dot(centre, intensity_y(point.intensity),
                                 f"{periods[i]}: mean intensity {point.intensity:g}"))
    every = math.ceil(n / MAX_X_LABELS)
    return TimelineChart(
        width=WIDTH, height=HEIGHT, plot=(left, top, right, bottom), bars=bars,
        conditional=conditional, intensity=intensity,
        x_ticks=[Tick(left + (i + 0.5) * slot, readable(p.period, short=True) or p.period)
                 for i, p in enumerate(series.points) if i % every == 0],
        y_ticks=[Tick(bottom - v * scale, str(v)) for v in range(0, ceiling + 1, step)],
        intensity_ticks=[Tick(intensity_y(v), f"{v:+d}" if v else "0")
                         for v in range(int(low), int(high) + 1, 5)],
        legend=[(t, type_colour(t)) for t in series.types],
    )


@dataclass(frozen=True)
class NodeShape:
    actor: str
    name: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the label: start on the right half, end on the left
    events: int
    rotate: float  # degrees: labels run outward along the radius, so neighbours never collide


@dataclass(frozen=True)
class EdgeShape:
    path: str  # SVG path: a quadratic curve, bent so opposite directions do not overlap
    width: float
    colour: str
    relation: str
    label: str
    count: int
    mid_x: float  # the middle of the curve, where its count is written
    mid_y: float


@dataclass(frozen=True)
class GroupShape:
    """A state's arc of the circle: its code written inside, by its actors."""

    country: str
    x: float
    y: float


@dataclass(frozen=True)
class NetworkChart:
    width: int
    height: int
    nodes: list[NodeShape]
    edges: list[EdgeShape]
    groups: list[GroupShape]
    #: Arrows left out: the lightest, past ``MAX_EDGES``.
    hidden: int = 0


NETWORK_SIZE = 720
#: Arrows drawn, the heaviest first: with events spread over 20 states, the 40 busiest actors
#: had 1,035 arrows (a 558 kB page, one tangle); this many still show who does what to whom.
MAX_EDGES = 150
_RELATION_BEND = {"conflict": 1.0, "other": 0.6, "cooperation": 0.35}


def network_chart(network: Network) -> NetworkChart:
    """Actors on a circle grouped by state (a state beside its officials and bodies, the
    busiest of each group first; groups and actors without a state by key), labels running
    outward along the radius; an arrow per (source, target, relation) with its count."""
    size = NETWORK_SIZE
    centre, radius = size / 2, size / 2 - 150
    most = max((n.events for n in network.nodes), default=1)
    ordered = sorted(network.nodes, key=lambda n: (n.country or "~", n.country is None
                                                   and n.actor or "", -n.events, n.actor))
    nodes: dict[str, NodeShape] = {}
    angles: dict[str, list[float]] = {}
    for i, node in enumerate(ordered):
        angle = 2 * math.pi * i / max(len(ordered), 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        r = 6 + 12 * math.sqrt(node.events / most)
        right = cos >= -1e-9
        degrees = math.degrees(angle) if right else math.degrees(angle) + 180
        nodes[node.actor] = NodeShape(
            node.actor, node.name, centre + radius * cos, centre + radius * sin, r,
            centre + (radius + r + 6) * cos, centre + (radius + r + 6) * sin,
            "start" if right else "end", node.events, round(degrees, 1),
        )
        if node.country:
            angles.setdefault(node.country, []).append(angle)
    groups = []
    for country, group in angles.items():
        if len(group) > 1:  # a state with officials or bodies beside it
            mean = sum(group) / len(group)
            groups.append(GroupShape(country, centre + (radius - 36) * math.cos(mean),
                                     centre + (radius - 36) * math.sin(mean)))
    heaviest = max((e.count for e in network.edges), default=1)
    drawn = sorted(network.edges, key=lambda e: -e.count)[:MAX_EDGES]
    edges = []
    for edge in drawn:
        a, b = nodes[edge.source], nodes[edge.target]
        if a is b:
            continue
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        bend = 0.18 * length * _RELATION_BEND[edge.relation]
        # Control point to the left of the direction of travel, so A→B and B→A separate.
        cx, cy = (a.x + b.x) / 2 + uy * bend, (a.y + b.y) / 2 - ux * bend
        sx, sy = a.x + ux * a.r, a.y + uy * a.r
        ex, ey = b.x - ux * (b.r + 4), b.y - uy * (b.r + 4)
        types = ", ".join(f"{n} {t}" for t, n in edge.types.items())
        edges.append(EdgeShape(
            path=f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}",
            width=round(1.5 + 6 * edge.count / heaviest, 2),
            colour=RELATION_COLOURS[edge.relation], relation=edge.relation,
            label=f"{a.name} → {b.name}: {types}", count=edge.count,
            # the curve's point at t = 1/2
            mid_x=round((sx + 2 * cx + ex) / 4, 1), mid_y=round((sy + 2 * cy + ey) / 4, 1),
        ))
    return NetworkChart(size, size, list(nodes.values()), edges, groups,
                        hidden=len(network.edges) - len(drawn))
