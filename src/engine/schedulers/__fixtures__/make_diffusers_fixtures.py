"""Writes diffusers-samplers.json: diffusers' own scheduler trajectories that the TypeScript
samplers (src/engine/schedulers/) must reproduce step for step (diffusersParity.test.ts).

Run from the repository root with the SD venv: .venv/bin/python src/engine/schedulers/__fixtures__/make_diffusers_fixtures.py

For every sampler x config the scheduler runs set_timesteps/step on a fixed 16-value latent.
The "model" is a fixed deterministic function of the UNet input and the step index, so the
outputs look like a model's; they are stored and the TS test replays them verbatim, so both
sides see exactly the same model outputs. Stochastic schedulers (Euler Ancestral, LCM) get their
per-step noise from arrays stored here (diffusers' randn_tensor is monkeypatched in their module).
Recorded per step: the timestep, the UNet input (scale_model_input output = our VP sample), the
model output, the noise, diffusers' sample after the step (its own space) and the factor that
takes that sample to VP space (1/sqrt(sigma_next^2 + 1) for sigma schedulers, 1 otherwise).
"""
import json
import math
import os
import sys

import diffusers
import numpy as np
import torch
from diffusers import (
    DDIMScheduler,
    DPMSolverMultistepScheduler,
    EulerAncestralDiscreteScheduler,
    EulerDiscreteScheduler,
    LatentConsistencyModelPipeline,
    LCMScheduler,
)
from diffusers.schedulers import scheduling_euler_ancestral_discrete, scheduling_lcm

N = 16
SHAPE = (1, 1, 4, 4)

# The SD model families' scheduler_config.json (the fields that matter to sampling).
SD15 = dict(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
            steps_offset=1, set_alpha_to_one=False, clip_sample=False, prediction_type="epsilon",
            timestep_spacing="leading")
SD21_BASE = dict(SD15)  # SD-2.1-base: the same schedule, epsilon, leading
SD21_V = dict(SD15, prediction_type="v_prediction")
TURBO = dict(SD15, timestep_spacing="trailing")
LINSPACE = dict(SD15, timestep_spacing="linspace")
LCM = dict(SD15, set_alpha_to_one=True, original_inference_steps=50, timestep_scaling=10.0)
LCM_V = dict(LCM, prediction_type="v_prediction")
# At timestep_scaling 10 c_skip is below 1e-5 for every LCM timestep; a small scaling exercises it.
LCM_SMALL_SCALING = dict(LCM, timestep_scaling=0.01)


def ts_config(cfg):
    """The same config in the engine's SchedulerConfig field names."""
    out = {
        "trainTimesteps": cfg["num_train_timesteps"],
        "betaSchedule": cfg["beta_schedule"],
        "betaStart": cfg["beta_start"],
        "betaEnd": cfg["beta_end"],
        "predictionType": cfg["prediction_type"],
        "timestepSpacing": cfg["timestep_spacing"],
        "stepsOffset": cfg["steps_offset"],
        "setAlphaToOne": cfg["set_alpha_to_one"],
        "clipSample": cfg["clip_sample"],
    }
    if "original_inference_steps" in cfg:
        out["lcm"] = {"originalInferenceSteps": cfg["original_inference_steps"], "timestepScaling": cfg["timestep_scaling"]}
    return out


def floats(t):
    """float32 values as the shortest decimal that reads back to the same float32 (9 digits)."""
    return [float(f"{v:.9g}") for v in t.flatten().tolist()]


def fake_model(unet_input, step):
    """A smooth deterministic stand-in for the UNet (any function of input and step will do)."""
    k = torch.arange(N, dtype=torch.float32).reshape(SHAPE)
    return 0.8 * torch.tanh(unet_input) + 0.3 * torch.cos(0.7 * k + 1.3 * step)


class NoiseFeed:
    """Replaces randn_tensor in a scheduler module: returns the stored arrays one after another."""

    def __init__(self, rng):
        self.rng = rng
        self.drawn = []

    def __call__(self, shape, generator=None, device=None, dtype=None, layout=None):
        z = torch.from_numpy(self.rng.standard_normal(SHAPE).astype(np.float32))
        self.drawn.append(floats(z))
        return z.to(dtype=dtype or torch.float32)


def vp_factor(scheduler, index):
    """Multiplies the scheduler's sample before step `index` into VP space."""
    if hasattr(scheduler, "sigmas") and not isinstance(scheduler, (DDIMScheduler, LCMScheduler, DPMSolverMultistepScheduler)):
        sigma = float(scheduler.sigmas[index])
        return 1.0 / math.sqrt(sigma * sigma + 1.0)
    return 1.0


def run_case(name, sampler, cls, cfg, steps, seed, extra=None):
    scheduler = cls.from_config(cfg, **(extra or {}))
    scheduler.set_timesteps(steps)
    rng = np.random.default_rng(seed)
    initial = torch.from_numpy(rng.standard_normal(SHAPE).astype(np.float32))
    feed = NoiseFeed(np.random.default_rng(seed + 1000))
    module = {EulerAncestralDiscreteScheduler: scheduling_euler_ancestral_discrete, LCMScheduler: scheduling_lcm}.get(cls)
    original = module.randn_tensor if module else None
    if module:
        module.randn_tensor = feed
    try:
        latents = initial * scheduler.init_noise_sigma
        record = {"timesteps": [], "unetInputs": [], "modelOutputs": [], "noises": [], "samplesAfter": [], "vpFactorAfter": []}
        for i, t in enumerate(scheduler.timesteps):
            unet_input = scheduler.scale_model_input(latents, t)
            out = fake_model(unet_input, i)
            drawn_before = len(feed.drawn)
            latents = scheduler.step(out, t, latents, return_dict=False)[0]
            record["timesteps"].append(float(t))
            record["unetInputs"].append(floats(unet_input))
            record["modelOutputs"].append(floats(out))
            record["noises"].append(feed.drawn[-1] if len(feed.drawn) > drawn_before else None)
            record["samplesAfter"].append(floats(latents))
            record["vpFactorAfter"].append(vp_factor(scheduler, i + 1))
    finally:
        if module:
            module.randn_tensor = original
    return {
        "name": name,
        "sampler": sampler,
        "diffusersClass": cls.__name__,
        "diffusersOverrides": extra or {},
        "config": ts_config(cfg),
        "steps": steps,
        "initNoiseSigma": float(scheduler.init_noise_sigma),
        "initialNoise": floats(initial),
        **record,
    }


def guidance_embedding(guidance, dim):
    # Exactly what LatentConsistencyModelPipeline does with its guidance_scale (w = g - 1).
    w = torch.tensor(guidance - 1).repeat(1)
    emb = LatentConsistencyModelPipeline.get_guidance_scale_embedding(None, w, embedding_dim=dim)
    return {"guidance": guidance, "dim": dim, "values": floats(emb[0])}


def main():
    karras = {"use_karras_sigmas": True}
    cases = [
        ("euler sd15 eps leading 20", "euler", EulerDiscreteScheduler, SD15, 20, None),
        ("euler sd21-base eps leading 25", "euler", EulerDiscreteScheduler, SD21_BASE, 25, None),
        ("euler sd21 v leading 25", "euler", EulerDiscreteScheduler, SD21_V, 25, None),
        ("euler turbo trailing 1", "euler", EulerDiscreteScheduler, TURBO, 1, None),
        ("euler turbo trailing 4", "euler", EulerDiscreteScheduler, TURBO, 4, None),
        ("euler linspace 7 (fractional timesteps)", "euler", EulerDiscreteScheduler, LINSPACE, 7, None),
        ("euler-ancestral sd15 eps leading 20", "euler-ancestral", EulerAncestralDiscreteScheduler, SD15, 20, None),
        ("euler-ancestral sd21 v leading 25", "euler-ancestral", EulerAncestralDiscreteScheduler, SD21_V, 25, None),
        ("euler-ancestral turbo trailing 4", "euler-ancestral", EulerAncestralDiscreteScheduler, TURBO, 4, None),
        ("dpmpp-2m-karras sd15 eps 20", "dpmpp-2m-karras", DPMSolverMultistepScheduler, SD15, 20, karras),
        ("dpmpp-2m-karras sd21 v 25", "dpmpp-2m-karras", DPMSolverMultistepScheduler, SD21_V, 25, karras),
        ("dpmpp-2m-karras sd15 eps 8", "dpmpp-2m-karras", DPMSolverMultistepScheduler, SD15, 8, karras),
        ("dpmpp-2m sd15 eps leading 20", "dpmpp-2m", DPMSolverMultistepScheduler, SD15, 20, None),
        ("dpmpp-2m sd21 v leading 25", "dpmpp-2m", DPMSolverMultistepScheduler, SD21_V, 25, None),
        ("dpmpp-2m turbo trailing 4", "dpmpp-2m", DPMSolverMultistepScheduler, TURBO, 4, None),
        ("dpmpp-2m linspace 12", "dpmpp-2m", DPMSolverMultistepScheduler, LINSPACE, 12, None),
        ("ddim sd15 eps leading 20", "ddim", DDIMScheduler, SD15, 20, None),
        ("ddim sd21 v leading 25", "ddim", DDIMScheduler, SD21_V, 25, None),
        ("ddim turbo trailing 4", "ddim", DDIMScheduler, TURBO, 4, None),
        ("lcm eps 4", "lcm", LCMScheduler, LCM, 4, None),
        ("lcm eps 2", "lcm", LCMScheduler, LCM, 2, None),
        ("lcm eps 8", "lcm", LCMScheduler, LCM, 8, None),
        ("lcm v 4", "lcm", LCMScheduler, LCM_V, 4, None),
        ("lcm eps 4, timestep_scaling 0.01", "lcm", LCMScheduler, LCM_SMALL_SCALING, 4, None),
    ]
    fixture = {
        "generator": "src/engine/schedulers/__fixtures__/make_diffusers_fixtures.py",
        "diffusers": diffusers.__version__,
        "torch": torch.__version__,
        "cases": [run_case(name, s, cls, cfg, steps, seed, extra) for seed, (name, s, cls, cfg, steps, extra) in enumerate(cases)],
        "guidanceEmbeddings": [guidance_embedding(g, d) for g, d in [(8.0, 256), (1.0, 256), (4.5, 256), (2.0, 255)]],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "diffusers-samplers.json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(fixture['cases'])} cases, {os.path.getsize(path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
