"""The engine's VP-space sampling (docs/contracts.md §5a), written out from the formulas alone,
reproduces diffusers' trajectory (the committed goldens' `latents`) from the goldens' own per-step
guided outputs and noise draws: this is the mapping the engine implements (initial latent,
Euler-family rescaling, which steps use noise)."""
import sdexport.reference.testing  # noqa: F401 (fails loudly without the .venv packages)
import math
import os

import numpy as np
import pytest

from sdexport.reference.cases import CASES
from sdexport.reference.golden_io import read_golden

SAMPLERS = ("euler", "euler-ancestral", "ddim", "lcm")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PICKED = [(p, c) for p in sorted(CASES) for c in CASES[p] if c.sampler in SAMPLERS]


def alphas_cumprod(cfg):
    betas = np.linspace(cfg["beta_start"] ** 0.5, cfg["beta_end"] ** 0.5, cfg["num_train_timesteps"], dtype=np.float64) ** 2
    assert cfg["beta_schedule"] == "scaled_linear"
    return np.cumprod(1 - betas)


def x0_eps(x, out, a, prediction):
    """(x̂0, ε̂) from a VP latent x at ᾱ = a."""
    if prediction == "epsilon":
        return (x - math.sqrt(1 - a) * out) / math.sqrt(a), out
    return math.sqrt(a) * x - math.sqrt(1 - a) * out, math.sqrt(a) * out + math.sqrt(1 - a) * x


def vp_trajectory(meta, t):
    cfg, s = meta["schedulerConfig"], meta["settings"]
    pred = cfg["prediction_type"]
    ac = alphas_cumprod(cfg)
    x = t["initial_noise"][0].astype(np.float64) * meta["initNoiseScale"]
    out, draws = [x], iter(t["step_noise"].astype(np.float64)) if "step_noise" in t else iter(())
    ts = t["timesteps"].astype(int)
    for i, eps_or_v in enumerate(t["guided"].astype(np.float64)):
        if s["sampler"] in ("euler", "euler-ancestral"):
            sig, nxt = float(t["sigmas"][i]), float(t["sigmas"][i + 1])
            xs = x * math.sqrt(sig * sig + 1)  # stored VP latent -> σ space
            if pred == "epsilon":
                x0 = xs - sig * eps_or_v
            else:
                x0 = eps_or_v * (-sig / math.sqrt(sig * sig + 1)) + xs / (sig * sig + 1)
            d = (xs - x0) / sig
            if s["sampler"] == "euler":
                xs = xs + d * (nxt - sig)
            else:
                up = math.sqrt(nxt ** 2 * (sig ** 2 - nxt ** 2) / sig ** 2)
                down = math.sqrt(nxt ** 2 - up ** 2)
                xs = xs + d * (down - sig) + next(draws) * up
            x = xs / math.sqrt(nxt * nxt + 1)  # back to VP (σ = 0 at the end: unchanged)
        elif s["sampler"] == "ddim":
            a = ac[ts[i]]
            prev = ts[i] - cfg["num_train_timesteps"] // s["steps"]
            a_prev = ac[prev] if prev >= 0 else (1.0 if cfg["set_alpha_to_one"] else ac[0])
            x0, eps = x0_eps(x, eps_or_v, a, pred)
            x = math.sqrt(a_prev) * x0 + math.sqrt(1 - a_prev) * eps
        else:  # lcm
            a = ac[ts[i]]
            scaled = ts[i] * cfg["timestep_scaling"]
            c_skip = 0.25 / (scaled ** 2 + 0.25)
            c_out = scaled / math.sqrt(scaled ** 2 + 0.25)
            x0, _ = x0_eps(x, eps_or_v, a, pred)
            denoised = c_out * x0 + c_skip * x
            if i + 1 < len(ts):
                a_prev = ac[ts[i + 1]]
                x = math.sqrt(a_prev) * denoised + math.sqrt(1 - a_prev) * next(draws)
            else:
                x = denoised
        out.append(x)
    assert next(draws, None) is None or s["sampler"] == "euler-ancestral"
    return np.stack(out)


@pytest.mark.parametrize("pack,case", PICKED, ids=[f"{p}:{c.name}" for p, c in PICKED])
def test_vp_space_formulas_reproduce_diffusers(pack, case):
    meta, tensors = read_golden(os.path.join(ROOT, "test-packs", pack, "goldens"), case.name)
    mine = vp_trajectory(meta, tensors)
    ref = tensors["latents"].astype(np.float64)
    scale = max(1.0, np.abs(ref).max())
    assert np.max(np.abs(mine - ref)) <= 2e-5 * scale, np.abs(mine - ref).max(axis=(1, 2, 3))
    np.testing.assert_allclose(tensors["initial_latent"][0], tensors["initial_noise"][0] * meta["initNoiseScale"], atol=1e-6)
