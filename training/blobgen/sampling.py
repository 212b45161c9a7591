"""Reference sampler: classifier-free guidance + DDIM or DPM-Solver++ 2M, seeded noise per contracts.md §5."""
import numpy as np
import torch

from .conditioning import Conditioner, biases, encode_batch
from .diffusion import ddim_step, ddim_timesteps, dpmpp_2m_step
from .latent import Decoder
from .rng import initial_latent

LATENT_SHAPE = (1, 12, 32, 32)


@torch.no_grad()
def sample(text_encoder, unet, conditioner, scenes, seeds, steps=20, guidance=3.0, unmasked=False, sampler="ddim"):
    """RGB images float32[B, 64, 64, 3] in [0, 1] for the scenes (batch = all scenes at once)."""
    n = len(scenes)
    items = [conditioner.scene_arrays(s, drop=True) for s in scenes] + [conditioner.scene_arrays(s) for s in scenes]
    batch = Conditioner.collate(items)
    cond = encode_batch(text_encoder, batch)
    bias = biases(batch, unmasked=unmasked)
    x = torch.from_numpy(np.concatenate([initial_latent(s, LATENT_SHAPE) for s in seeds]))
    ts = ddim_timesteps(steps)
    prev_x0 = None
    for i, t in enumerate(ts):
        prev = int(ts[i + 1]) if i + 1 < len(ts) else -1
        out = unet(torch.cat([x, x]), torch.full((2 * n,), float(t)), cond, *bias)
        out = out[:n] + guidance * (out[n:] - out[:n])
        if sampler == "dpmpp-2m":
            x, prev_x0 = dpmpp_2m_step(out, ts, i, x, prev_x0)
        else:
            x = ddim_step(out, int(t), prev, x)
    return Decoder()(x)[..., :3].numpy()
