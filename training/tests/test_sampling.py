"""The samplers are consistent: fed the exact v of a fixed clean latent, DDIM and DPM-Solver++ 2M
both land on that latent after the last step (any error would come from wrong coefficients)."""
import math

import torch

from blobgen.diffusion import ALPHAS, ddim_step, ddim_timesteps, dpmpp_2m_step


def exact_v(x, x0, t):
    a = float(ALPHAS[t])
    return (math.sqrt(a) * x - x0) / math.sqrt(1 - a)


def test_both_samplers_recover_the_clean_latent_from_an_exact_model():
    g = torch.Generator().manual_seed(0)
    x0 = torch.rand(2, 12, 8, 8, generator=g, dtype=torch.float64) * 1.8 - 0.9
    for steps in (5, 20):
        ts = ddim_timesteps(steps)
        x_ddim = torch.randn(2, 12, 8, 8, generator=g, dtype=torch.float64)
        x_dpm, prev = x_ddim.clone(), None
        for i, t in enumerate(ts):
            prev_t = int(ts[i + 1]) if i + 1 < len(ts) else -1
            x_ddim = ddim_step(exact_v(x_ddim, x0, int(t)), int(t), prev_t, x_ddim)
            x_dpm, prev = dpmpp_2m_step(exact_v(x_dpm, x0, int(t)), ts, i, x_dpm, prev)
        assert (x_ddim - x0).abs().max() < 1e-9
        assert (x_dpm - x0).abs().max() < 1e-9
