"""Our seeded noise (docs/contracts.md §5) inside diffusers' schedulers.

The pipeline gets the initial noise as `latents=` (the first C*H*W normals of the stream). Every
later draw a scheduler makes through `randn_tensor` is replaced by the next prod(shape) normals of
the same stream, so step i's noise is the i-th block of C*H*W normals after the initial latent.
Pipelines themselves must not draw (latents are always passed): their randn_tensor raises.
"""
import contextlib
import importlib

import numpy as np
import torch

from blobgen.rng import SeededNoise

SCHEDULER_MODULES = (
    "diffusers.schedulers.scheduling_ddim",
    "diffusers.schedulers.scheduling_euler_discrete",
    "diffusers.schedulers.scheduling_euler_ancestral_discrete",
    "diffusers.schedulers.scheduling_dpmsolver_multistep",
    "diffusers.schedulers.scheduling_lcm",
)
PIPELINE_MODULES = (
    "diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion",
    "diffusers.pipelines.latent_consistency_models.pipeline_latent_consistency_text2img",
)


class NoiseStream:
    """The seeded stream: `initial(shape)` first, then `draw(shape)` per scheduler request."""

    def __init__(self, seed):
        self.rng = SeededNoise(seed)
        self.draws = []  # every scheduler draw, in order (float32 arrays)

    def normals(self, shape):
        return self.rng.normals(int(np.prod(shape))).reshape(shape)

    def randn_tensor(self, shape, generator=None, device=None, dtype=None, layout=None):
        arr = self.normals(tuple(shape))
        self.draws.append(arr)
        return torch.from_numpy(arr).to(dtype=dtype or torch.float32)


def _refuse(*args, **kwargs):
    raise RuntimeError("the pipeline drew its own noise; pass latents= (the seeded initial latent)")


@contextlib.contextmanager
def seeded_scheduler_noise(stream: NoiseStream):
    saved = []
    try:
        for name, fn in [(m, stream.randn_tensor) for m in SCHEDULER_MODULES] + [(m, _refuse) for m in PIPELINE_MODULES]:
            mod = importlib.import_module(name)
            saved.append((mod, mod.randn_tensor))
            mod.randn_tensor = fn
        yield stream
    finally:
        for mod, fn in saved:
            mod.randn_tensor = fn
