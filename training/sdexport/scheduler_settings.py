"""The manifest's `scheduler` block from a model's scheduler_config.json (docs/model-pack.md).

The noise schedule (betas, prediction type, spacing, offsets) is copied from the config. The
default sampler, steps and guidance follow what the model's own diffusers pipeline does:

- LCMScheduler: sampler "lcm", 4 steps, guidance 8.5 into `timestep_cond`, no CFG;
- EulerDiscreteScheduler with trailing spacing (SD-Turbo): "euler", 1 step, no CFG;
- otherwise (PNDM, DDIM, Euler, DPM-Solver...): the named sampler when the engine has it, else
  DPM-Solver++ 2M Karras (PNDM has no equivalent here), 25 steps, guidance 7.5.
"""
from __future__ import annotations

from .attention_marker import UnsupportedModelError

CFG_SAMPLERS = ["dpmpp-2m-karras", "euler", "euler-ancestral", "dpmpp-2m", "ddim"]
BETA_SCHEDULES = ("linear", "scaled_linear", "squaredcos_cap_v2")


def _default_sampler(config: dict) -> str:
    name = config.get("_class_name", "")
    if name == "DDIMScheduler":
        return "ddim"
    if name == "EulerDiscreteScheduler":
        return "euler"
    if name == "EulerAncestralDiscreteScheduler":
        return "euler-ancestral"
    if name == "DPMSolverMultistepScheduler":
        return "dpmpp-2m-karras" if config.get("use_karras_sigmas") else "dpmpp-2m"
    return "dpmpp-2m-karras"


def scheduler_settings(config: dict, where: str = "scheduler_config.json") -> tuple[dict, bool]:
    """(manifest scheduler block, classifier-free guidance?)"""
    if config.get("trained_betas") is not None:
        raise UnsupportedModelError(f"{where}: trained_betas are not supported")
    if config.get("rescale_betas_zero_snr"):
        raise UnsupportedModelError(f"{where}: rescale_betas_zero_snr is not supported")
    schedule = config.get("beta_schedule", "linear")
    if schedule not in BETA_SCHEDULES:
        raise UnsupportedModelError(f"{where}: beta_schedule {schedule!r} (supported: {BETA_SCHEDULES})")
    prediction = config.get("prediction_type", "epsilon")
    if prediction not in ("epsilon", "v_prediction"):
        raise UnsupportedModelError(f"{where}: prediction_type {prediction!r} (supported: epsilon, v_prediction)")
    name = config.get("_class_name", "")
    spacing = config.get("timestep_spacing", "leading")
    block = {
        "numTrainTimesteps": int(config.get("num_train_timesteps", 1000)),
        "betaSchedule": schedule,
        "betaStart": float(config.get("beta_start", 0.0001)),
        "betaEnd": float(config.get("beta_end", 0.02)),
        "predictionType": prediction,
        "timestepSpacing": spacing,
        "stepsOffset": int(config.get("steps_offset", 0)),
        "setAlphaToOne": bool(config.get("set_alpha_to_one", False)),
        "clipSample": bool(config.get("clip_sample", False)),
        "clipSampleRange": float(config.get("clip_sample_range", 1.0)),
        "eta": 0,
        "sourceScheduler": name,
    }
    if name == "LCMScheduler":
        block.update(type="lcm", samplers=["lcm"], defaultSteps=4, defaultGuidance=8.5,
                     lcm={"originalInferenceSteps": int(config.get("original_inference_steps", 50)),
                          "timestepScaling": float(config.get("timestep_scaling", 10.0))})
        return block, False
    if name == "EulerDiscreteScheduler" and spacing == "trailing":
        block.update(type="euler", samplers=["euler", "euler-ancestral"], defaultSteps=1,
                     defaultGuidance=0.0)
        return block, False
    default = _default_sampler(config)
    block.update(type=default, samplers=[default] + [s for s in CFG_SAMPLERS if s != default],
                 defaultSteps=25, defaultGuidance=7.5)
    return block, True
