"""Cosine (squaredcos_cap_v2) schedule, v-prediction, DDIM sampling with 'trailing' spacing.

Written to match diffusers' DDIMScheduler(beta_schedule="squaredcos_cap_v2",
prediction_type="v_prediction", timestep_spacing="trailing", set_alpha_to_one=True,
clip_sample=True) so the TypeScript engine has one well-known reference to follow.
"""
import math

import numpy as np
import torch

T = 1000


def alphas_cumprod(n=T):
    def abar(t):
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    betas = np.array([min(1 - abar((i + 1) / n) / abar(i / n), 0.999) for i in range(n)], dtype=np.float64)
    return np.cumprod(1.0 - betas)


ALPHAS = alphas_cumprod()


def ddim_timesteps(steps, n=T):
    """Trailing spacing: 999, ..., n/steps - 1 (first step starts from pure noise)."""
    return (np.round(np.arange(n, 0, -n / steps)) - 1).astype(np.int64)


def q_sample(x0, t, noise):
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t][:, None, None, None]
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def v_target(x0, t, noise):
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t][:, None, None, None]
    return a.sqrt() * noise - (1 - a).sqrt() * x0


def min_snr_weight(t, gamma, plus_one=False):
    """Per-sample weight on the v-loss for Min-SNR-γ (Hang et al. 2023): min(SNR, γ)/(SNR + 1).

    The v-loss of a sample equals (SNR + 1)·|x̂0 − x0|², so this weight makes the loss
    min(SNR, γ)·|x̂0 − x0|²: low-noise steps, which only sharpen detail, stop dominating the
    gradient. It also scales the noisiest steps down to SNR/(SNR + 1) (≈ 0.02 at t = 900) of
    their v-loss, and those steps decide the global layout, e.g. which colour of a gradient goes
    on top. plus_one=True caps (SNR + 1) instead: min(SNR + 1, γ)·|x̂0 − x0|², so steps with
    SNR + 1 ≤ γ keep their full v-loss and only the clean ones are capped. γ ≤ 0: unweighted."""
    if gamma <= 0:
        return torch.ones(len(t))
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t]
    snr = a / (1 - a)
    capped = (snr + 1) if plus_one else snr
    return capped.clamp(max=gamma) / (snr + 1)


def x0_from_v(model_out, x, abar):
    """The clean-image estimate x̂0 = √ᾱ·x − √(1 − ᾱ)·v, clipped to [-1, 1]."""
    return (math.sqrt(abar) * x - math.sqrt(1 - abar) * model_out).clamp(-1, 1)


def ddim_step(model_out, t, prev_t, x):
    """One deterministic DDIM step (eta = 0) from v-prediction; x0 clipped to [-1, 1]."""
    a = float(ALPHAS[t])
    a_prev = float(ALPHAS[prev_t]) if prev_t >= 0 else 1.0
    eps = math.sqrt(a) * model_out + math.sqrt(1 - a) * x
    x0 = x0_from_v(model_out, x, a)
    return math.sqrt(a_prev) * x0 + math.sqrt(1 - a_prev) * eps


def _lambda(abar):
    """λ = log(α/σ); +inf at the clean end (ᾱ = 1)."""
    return math.inf if abar >= 1 else 0.5 * math.log(abar) - 0.5 * math.log(1 - abar)


def dpmpp_2m_step(model_out, ts, i, x, prev_x0):
    """DPM-Solver++ 2M (data prediction), first order at the first and last step, like the
    TypeScript engine's 'dpmpp-2m' (src/engine/schedulers/samplers.ts) and diffusers'
    DPMSolverMultistepScheduler with final_sigmas_type 'zero'. Returns (x_next, x̂0)."""
    at = lambda k: float(ALPHAS[ts[k]]) if k < len(ts) else 1.0  # noqa: E731
    a_s, a_t = at(i), at(i + 1)
    x0 = x0_from_v(model_out, x, a_s)
    sigma_s, sigma_t = math.sqrt(1 - a_s), math.sqrt(1 - a_t)
    h = _lambda(a_t) - _lambda(a_s)
    c = -math.sqrt(a_t) * math.expm1(-h)
    from_x = 0.0 if sigma_t == 0 else sigma_t / sigma_s
    if i == 0 or i == len(ts) - 1:
        return from_x * x + c * x0, x0
    r0 = (_lambda(a_s) - _lambda(at(i - 1))) / h
    return from_x * x + c * (1 + 0.5 / r0) * x0 - c * (0.5 / r0) * prev_x0, x0
