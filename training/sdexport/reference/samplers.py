"""Sampler names of the pack contract → diffusers scheduler classes, built from the model's own
scheduler_config.json (plus the overrides a case names, e.g. SD-Turbo's trailing spacing)."""
from diffusers import (DDIMScheduler, DPMSolverMultistepScheduler, EulerAncestralDiscreteScheduler,
                       EulerDiscreteScheduler, LCMScheduler)

SAMPLERS = {
    "ddim": (DDIMScheduler, {}),
    "euler": (EulerDiscreteScheduler, {}),
    "euler-ancestral": (EulerAncestralDiscreteScheduler, {}),
    "dpmpp-2m": (DPMSolverMultistepScheduler, dict(algorithm_type="dpmsolver++", solver_order=2)),
    "dpmpp-2m-karras": (DPMSolverMultistepScheduler, dict(algorithm_type="dpmsolver++", solver_order=2, use_karras_sigmas=True)),
    "lcm": (LCMScheduler, {}),
}


def make_scheduler(sampler, base_config, overrides=None):
    if sampler not in SAMPLERS:
        raise ValueError(f"unknown sampler {sampler!r}; expected one of {sorted(SAMPLERS)}")
    cls, fixed = SAMPLERS[sampler]
    return cls.from_config(dict(base_config), **{**fixed, **(overrides or {})})
