"""Segments and per-item attention entries of a training-free generation, the same plan as the
engine's src/engine/generationPlan.ts:

- with classifier-free guidance: segments [negative caption, caption, blob 1..N];
  item 0 = [(0, -1)] (the negative caption alone), item 1 = [(1, -1), (2, 0), ..., (N+1, N-1)];
- without: segments [caption, blob 1..N], one item [(0, -1), (1, 0), ..., (N, N-1)].

An entry (segment, mask) means: attend all 77 tokens of that segment, weighted by blob mask
`mask` (-1 = visible everywhere)."""
from dataclasses import dataclass
from typing import List, Tuple

Entry = Tuple[int, int]


@dataclass(frozen=True)
class Blob:
    cx: float
    cy: float
    a: float
    b: float
    theta: float
    description: str

    @property
    def params(self):
        return (self.cx, self.cy, self.a, self.b, self.theta)


@dataclass(frozen=True)
class GenerationPlan:
    segments: List[str]
    items: List[List[Entry]]
    blobs: List[Blob]
    guided: bool


def plan_generation(caption, blobs, negative_caption="", guided=True):
    blobs = list(blobs)
    first = 1 if guided else 0
    conditional = [(first, -1)] + [(first + 1 + k, k) for k in range(len(blobs))]
    texts = [caption] + [b.description for b in blobs]
    if guided:
        return GenerationPlan([negative_caption] + texts, [[(0, -1)], conditional], blobs, True)
    return GenerationPlan(texts, [conditional], blobs, False)
