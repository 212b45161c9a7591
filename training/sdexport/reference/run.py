"""One reference run: diffusers' own pipeline (StableDiffusionPipeline, or
LatentConsistencyModelPipeline for LCM) with the masked attn2 processor installed, the seeded
initial latent passed as `latents=`, scheduler noise from the same seeded stream, and every
intermediate the engine's golden test compares, in the engine's VP space."""
import math
import warnings
from dataclasses import dataclass, field
from typing import List

import numpy as np
import torch
from diffusers import (AutoencoderKL, LatentConsistencyModelPipeline, StableDiffusionPipeline,
                       UNet2DConditionModel)
from transformers import CLIPTextModel, CLIPTokenizerFast

from .masked_attention import SiteMasks, install_masked_processors, site_modules
from .noise import NoiseStream, seeded_scheduler_noise
from .plan import Blob, plan_generation
from .samplers import make_scheduler

TOKENS = 77


@dataclass
class Case:
    name: str
    seed: int
    caption: str
    blobs: List[Blob]
    sampler: str
    steps: int
    guidance: float
    negative_caption: str = ""
    mask_mode: str = "hard"
    feather_width: float = 0.02
    guided: bool = True  # classifier-free guidance (two batch items)
    scheduler_overrides: dict = field(default_factory=dict)
    qa_sites: tuple = (0, 1)  # sites whose first-step query / attention output are stored
    all_kv: bool = False  # K/V of every site (the prelude check); otherwise only the qa sites' K/V


@dataclass
class Model:
    tokenizer: CLIPTokenizerFast
    text_encoder: CLIPTextModel
    unet: UNet2DConditionModel
    vae: AutoencoderKL
    scheduler_config: dict


def load_model(folder):
    """A diffusers model folder (tokenizer/, text_encoder/, unet/, vae/, scheduler/), fp32, eval. The
    fast tokenizer is the one whose tokenizer.json the pack ships and the engine runs."""
    from diffusers import DDIMScheduler
    m = Model(tokenizer=CLIPTokenizerFast.from_pretrained(folder, subfolder="tokenizer"),
              text_encoder=CLIPTextModel.from_pretrained(folder, subfolder="text_encoder", low_cpu_mem_usage=False).eval(),
              unet=UNet2DConditionModel.from_pretrained(folder, subfolder="unet", low_cpu_mem_usage=False).eval(),
              vae=AutoencoderKL.from_pretrained(folder, subfolder="vae", low_cpu_mem_usage=False).eval(),
              scheduler_config=dict(DDIMScheduler.load_config(folder, subfolder="scheduler")))
    return m


@torch.no_grad()
def encode_segments(model, texts):
    """input_ids int64[S, 77] (as diffusers' encode_prompt tokenises: BOS + 75 + EOS, padded with
    the tokenizer's pad token) and cond float32[S, 77, D] = CLIP last_hidden_state, one segment at a time."""
    tok = model.tokenizer(list(texts), padding="max_length", max_length=TOKENS, truncation=True, return_tensors="pt")
    ids = tok.input_ids
    cond = torch.cat([model.text_encoder(ids[s:s + 1])[0] for s in range(len(texts))])
    return ids, cond


def _item_embeds(cond, entries, length):
    rows = torch.cat([cond[s] for s, _ in entries])
    if rows.shape[0] < length:  # never attended: the processor reads only the item's own entries
        rows = torch.cat([rows, torch.zeros(length - rows.shape[0], rows.shape[1], dtype=rows.dtype)])
    return rows[None]


def _sigmas(scheduler):
    s = getattr(scheduler, "sigmas", None)
    return None if s is None else np.asarray(s, dtype=np.float32)


@torch.no_grad()
def run_case(model: Model, case: Case):
    """Returns (tensors: name -> np.ndarray, meta: dict)."""
    plan = plan_generation(case.caption, case.blobs, case.negative_caption, case.guided)
    ids, cond = encode_segments(model, plan.segments)
    unet, vae = model.unet, model.vae
    scheduler = make_scheduler(case.sampler, model.scheduler_config, case.scheduler_overrides)
    lcm = case.sampler == "lcm"
    if lcm and case.guided:
        raise ValueError("LCM is sampled without classifier-free guidance (the guidance goes in as timestep_cond)")

    masks = SiteMasks(case.blobs, case.mask_mode, case.feather_width)
    item_masks = [[m for _, m in entries] for entries in plan.items]
    state = dict(step=0, sides={}, unet_inputs=[], timesteps=[], model_outputs=[], guided=[], after=[], denoised=[], qa={})

    def record(site, q, attn_out):
        if state["step"] == 0:
            state["sides"][site] = math.isqrt(q.shape[1])
            if site in case.qa_sites:
                state["qa"][site] = (q.numpy().copy(), attn_out.numpy().copy())

    original_processors = dict(unet.attn_processors)
    site_names = install_masked_processors(unet, item_masks, masks, TOKENS, record)

    forward = unet.forward

    def unet_forward(sample, timestep, encoder_hidden_states, *args, **kwargs):
        state["unet_inputs"].append(sample[:1].numpy().copy())
        state["timesteps"].append(float(timestep))
        if kwargs.get("timestep_cond") is not None:
            state["timestep_cond"] = kwargs["timestep_cond"].numpy().copy()
        out = forward(sample, timestep, encoder_hidden_states, *args, **kwargs)
        if state["step"] == 0:
            state["model_outputs"].append((out[0] if isinstance(out, tuple) else out.sample).numpy().copy())
        return out

    step = scheduler.step

    def scheduler_step(model_output, timestep, sample, *args, **kwargs):
        state["guided"].append(model_output.numpy().copy())
        out = step(model_output, timestep, sample, *args, **kwargs)
        prev = out[0] if isinstance(out, tuple) else out.prev_sample
        state["after"].append(prev.numpy().copy())
        if lcm:
            state["denoised"].append((out[1] if isinstance(out, tuple) else out.denoised).numpy().copy())
        state["step"] += 1
        return out

    stream = NoiseStream(case.seed)
    h = w = unet.config.sample_size
    initial_noise = stream.normals((1, unet.config.in_channels, h, w))
    common = dict(prompt_embeds=_item_embeds(cond, plan.items[-1], len(plan.items[-1]) * TOKENS),
                  latents=torch.from_numpy(initial_noise.copy()), num_inference_steps=case.steps,
                  output_type="pt")
    unet.forward, scheduler.step = unet_forward, scheduler_step
    try:
        with seeded_scheduler_noise(stream), warnings.catch_warnings():
            # StableDiffusionPipeline sets clip_sample = False (and steps_offset = 1) on the scheduler and
            # warns; the golden records the config it actually ran with (schedulerConfig).
            warnings.filterwarnings("ignore", message="(?s).*has not set the configuration `clip_sample`", category=FutureWarning)
            if lcm:
                pipe = LatentConsistencyModelPipeline(vae=vae, text_encoder=model.text_encoder, tokenizer=model.tokenizer,
                                                      unet=unet, scheduler=scheduler, safety_checker=None,
                                                      feature_extractor=None, requires_safety_checker=False)
                pipe.set_progress_bar_config(disable=True)
                image = pipe(guidance_scale=case.guidance, **common).images
            else:
                pipe = StableDiffusionPipeline(vae=vae, text_encoder=model.text_encoder, tokenizer=model.tokenizer,
                                               unet=unet, scheduler=scheduler, safety_checker=None,
                                               feature_extractor=None, requires_safety_checker=False)
                pipe.set_progress_bar_config(disable=True)
                if case.guided:
                    if not case.guidance > 1:
                        raise ValueError(f"{case.name}: guided cases need guidance > 1 (diffusers' CFG condition)")
                    neg = _item_embeds(cond, plan.items[0], len(plan.items[-1]) * TOKENS)
                    image = pipe(guidance_scale=case.guidance, negative_prompt_embeds=neg, eta=0.0, **common).images
                else:
                    image = pipe(guidance_scale=0.0, **common).images
    finally:
        del unet.forward  # back to the class's forward
        unet.set_attn_processor(dict(original_processors))

    final = state["denoised"][-1] if lcm else state["after"][-1]
    rgb = image.permute(0, 2, 3, 1).numpy()
    rgba = np.concatenate([rgb, np.ones_like(rgb[..., :1])], -1).astype(np.float32)
    vp = state["unet_inputs"] + [final]  # the engine's stored latent before each step, then the result

    t = {"input_ids": ids.numpy().astype(np.int32), "cond": cond.numpy()}
    kv_sites = list(range(len(site_names))) if case.all_kv else sorted(case.qa_sites)
    for k, attn in enumerate(site_modules(unet)):
        if k in kv_sites:
            t[f"site{k}_k"] = attn.to_k(cond).numpy()
            t[f"site{k}_v"] = attn.to_v(cond).numpy()
    sides = [state["sides"][k] for k in range(len(site_names))]
    resolutions = sorted(set(sides), reverse=True)
    for r in resolutions:
        t[f"mask{r}"] = masks.at(r, r)
    t["initial_noise"] = initial_noise
    t["initial_latent"] = vp[0]
    t["timesteps"] = np.asarray(state["timesteps"], dtype=np.float32)
    sig = _sigmas(scheduler)
    if sig is not None:
        t["sigmas"] = sig
    if "timestep_cond" in state:
        t["timestep_cond"] = state["timestep_cond"]
    for s in case.qa_sites:
        q, a = state["qa"][s]
        t[f"step0_site{s}_q"] = q
        t[f"step0_site{s}_attn"] = a
    t["step0_model_output"] = state["model_outputs"][0]
    t["step0_guided"] = state["guided"][0]
    t["step0_latent_after"] = vp[1]
    t["guided"] = np.stack([g[0] for g in state["guided"]])
    if stream.draws:
        t["step_noise"] = np.stack([d[0] for d in stream.draws])
    t["latents"] = np.stack([v[0] for v in vp])
    t["final_latent"] = final
    t["image"] = rgba

    init_sigma = float(scheduler.init_noise_sigma)
    meta = dict(
        segments=plan.segments, items=[[list(e) for e in it] for it in plan.items],
        sites=[dict(index=k, name=n, resolution=r, heads=a.heads, headDim=a.inner_dim // a.heads)
               for k, (n, a, r) in enumerate(zip(site_names, site_modules(unet), sides))],
        schedulerClass=type(scheduler).__name__,
        schedulerConfig={k: v for k, v in scheduler.config.items() if not k.startswith("_")},
        initNoiseSigma=init_sigma,
        initNoiseScale=init_noise_scale(scheduler),
        kvSites=kv_sites,
        noiseDraws=len(stream.draws),
        latentScale=float(vae.config.scaling_factor),
    )
    return t, meta



def init_noise_scale(scheduler):
    """The engine's initNoiseScale: initial VP latent = seeded N(0,1) × this. diffusers starts from
    z × init_noise_sigma and the UNet sees it through scale_model_input; for the Euler family that is
    z × init_noise_sigma / sqrt(σ_0² + 1), i.e. 1 for leading spacing (init_noise_sigma =
    sqrt(σ_max² + 1)) and σ_max / sqrt(σ_max² + 1) for linspace / trailing (init_noise_sigma = σ_max).
    Every other scheduler here starts at init_noise_sigma = 1 with an identity scale_model_input."""
    from diffusers import EulerAncestralDiscreteScheduler, EulerDiscreteScheduler
    if isinstance(scheduler, (EulerDiscreteScheduler, EulerAncestralDiscreteScheduler)):
        sigma = float(np.float64(scheduler.sigmas[0]))
        if scheduler.config.timestep_spacing in ("linspace", "trailing"):
            return sigma / math.sqrt(sigma * sigma + 1)
        return 1.0
    return float(scheduler.init_noise_sigma)
