"""The golden generator is deterministic, and every tensor of the committed goldens agrees with the
contracts it stands for (seeded noise §5/§5a, masks §2, the numpy kernel reference §3, the CLIP framing, the
decoder I/O), so the browser engine can be held to it."""
from sdexport.reference.testing import model_dirs  # noqa: F401 (fixture)
import os

import numpy as np
import pytest
import torch

from blobgen.attention_ref import masked_cross_attention
from blobgen.masks import rasterize_blob_masks
from blobgen.rng import SeededNoise
from sdexport.reference.cases import CASES
from sdexport.reference.golden_io import read_golden
from sdexport.reference.make_goldens import write_pack_goldens
from sdexport.reference.masked_attention import site_modules
from sdexport.reference.run import load_model

PACKS = sorted(CASES)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.fixture(scope="module")
def written(model_dirs):
    """pack -> (goldens dir, model folder) of the committed goldens (test_sd_reference_committed
    checks that they are what the generator makes now)."""
    return {pack: (os.path.join(ROOT, "test-packs", pack, "goldens"), model_dirs[pack]) for pack in PACKS}


def test_generator_is_deterministic(model_dirs, tmp_path):
    pack = "sd1-tiny"
    runs = []
    for k in range(2):
        out = tmp_path / str(k) / pack
        out.mkdir(parents=True)
        files, _ = write_pack_goldens(model_dirs[pack], str(out), pack, update_manifest=False)
        runs.append({rel: (out / rel).read_bytes() for rel in files})
    assert list(runs[0]) == list(runs[1]) and len(runs[0]) == 3 * len(CASES[pack])
    for rel, data in runs[0].items():
        assert data == runs[1][rel], rel


def cases_of(pack):
    return [(pack, c) for c in CASES[pack]]


ALL = [pc for p in PACKS for pc in cases_of(p)]


@pytest.mark.parametrize("pack,case", ALL, ids=[f"{p}:{c.name}" for p, c in ALL])
def test_golden_agrees_with_the_contracts(pack, case, written):
    gdir, model_dir = written[pack]
    meta, t = read_golden(gdir, case.name)
    s = meta["settings"]
    assert (s["sampler"], s["steps"], s["maskMode"], s["classifierFreeGuidance"]) == (case.sampler, case.steps, case.mask_mode, case.guided)

    # plan: segments and items as src/engine/generationPlan.ts makes them
    n = len(case.blobs)
    if case.guided:
        assert meta["segments"] == [case.negative_caption, case.caption] + [b.description for b in case.blobs]
        assert meta["items"] == [[[0, -1]], [[1, -1]] + [[2 + k, k] for k in range(n)]]
    else:
        assert meta["segments"] == [case.caption] + [b.description for b in case.blobs]
        assert meta["items"] == [[[0, -1]] + [[1 + k, k] for k in range(n)]]
    S = len(meta["segments"])

    # CLIP framing: [BOS] + ≤ 75 tokens + [EOS], padded to 77 with the tokenizer's pad id
    model = load_model(model_dir)
    tok = model.tokenizer
    ids = t["input_ids"]
    assert ids.shape == (S, 77)
    for s, text in enumerate(meta["segments"]):
        row = ids[s].tolist()
        assert row[0] == tok.bos_token_id
        words = tok(text, add_special_tokens=False).input_ids
        kept = min(len(words), 75)
        assert row[1:1 + kept] == words[:kept]
        assert row[1 + kept] == tok.eos_token_id
        assert row[2 + kept:] == [tok.pad_token_id] * (75 - kept)
    too_long = [len(tok(b.description, add_special_tokens=False).input_ids) > 75 for b in case.blobs]
    assert any(too_long) == (case.name == "ddim-long-description")  # exactly the case meant to be cut

    # seeded noise: initial latent, then one block of C·H·W normals per scheduler draw
    shape = t["initial_noise"].shape
    rng = SeededNoise(case.seed)
    np.testing.assert_array_equal(t["initial_noise"], rng.normals(int(np.prod(shape))).reshape(shape))
    draws = {"euler-ancestral": case.steps, "lcm": case.steps - 1}.get(case.sampler, 0)
    assert meta["noiseDraws"] == draws
    if draws:
        assert t["step_noise"].shape == (draws,) + shape[1:]
        for k in range(draws):
            np.testing.assert_array_equal(t["step_noise"][k], rng.normals(int(np.prod(shape))).reshape(shape[1:]))
    np.testing.assert_allclose(t["initial_latent"], t["initial_noise"] * meta["initNoiseScale"], rtol=0, atol=2e-6)
    trailing = case.scheduler_overrides.get("timestep_spacing") == "trailing"
    if case.sampler.startswith("euler") and trailing:
        sigma = float(t["sigmas"][0])
        assert meta["initNoiseScale"] == pytest.approx(sigma / np.sqrt(sigma * sigma + 1), rel=1e-12)
    elif case.sampler in ("ddim", "dpmpp-2m", "dpmpp-2m-karras", "lcm") or not trailing:
        assert meta["initNoiseScale"] == 1.0
    assert t["timesteps"].shape == (case.steps,)
    assert t["latents"].shape == (case.steps + 1,) + shape[1:]
    np.testing.assert_array_equal(t["latents"][0], t["initial_latent"][0])
    np.testing.assert_array_equal(t["latents"][-1], t["final_latent"][0])
    np.testing.assert_array_equal(t["step0_latent_after"][0], t["latents"][1])

    # masks per site resolution, from the shared rasteriser
    sides = sorted({site["resolution"] for site in meta["sites"]}, reverse=True)
    for r in sides:
        expect = rasterize_blob_masks([b.params for b in case.blobs], r, r, case.mask_mode, case.feather_width)
        np.testing.assert_array_equal(t[f"mask{r}"], expect)

    # K/V: every site's to_k / to_v of every segment's CLIP output
    sites = meta["sites"]
    kv_sites = list(range(len(sites))) if case.all_kv else sorted(case.qa_sites)
    assert meta["kvSites"] == kv_sites
    assert [k for k in t if k.endswith("_k")] == [f"site{i}_k" for i in kv_sites]
    assert any(c.all_kv for c in CASES[pack])
    mods = site_modules(model.unet)
    with torch.no_grad():
        cond = model.text_encoder(torch.from_numpy(ids.astype(np.int64)))[0].numpy()
    np.testing.assert_allclose(t["cond"], cond, rtol=0, atol=1e-5)
    with torch.no_grad():
        for i in kv_sites:
            np.testing.assert_allclose(t[f"site{i}_k"], mods[i].to_k(torch.from_numpy(t["cond"].copy())).numpy(), atol=1e-6)
            np.testing.assert_allclose(t[f"site{i}_v"], mods[i].to_v(torch.from_numpy(t["cond"].copy())).numpy(), atol=1e-6)

    # the torch processor = the numpy kernel reference (blobgen/attention_ref.py, float64) on the
    # golden's own inputs: q, K/V, all 77 tokens, the plan's entries, the site's masks
    for site in case.qa_sites:
        info = sites[site]
        r = info["resolution"]
        got = masked_cross_attention(t[f"step0_site{site}_q"], t[f"site{site}_k"], t[f"site{site}_v"],
                                     np.full(S, 77), [[tuple(e) for e in it] for it in meta["items"]],
                                     t[f"mask{r}"], info["heads"])
        np.testing.assert_allclose(t[f"step0_site{site}_attn"], got, rtol=0, atol=5e-5)

    # CFG combination and the decoder I/O: RGBA [0,1] = (vae.decode(latent / scale) / 2 + 0.5).clamp(0, 1)
    mo = t["step0_model_output"]
    if case.guided:
        np.testing.assert_allclose(t["step0_guided"], mo[:1] + np.float32(case.guidance) * (mo[1:] - mo[:1]), atol=1e-5)
    else:
        np.testing.assert_array_equal(t["step0_guided"], mo)
    with torch.no_grad():
        img = model.vae.decode(torch.from_numpy(t["final_latent"].copy()) / model.vae.config.scaling_factor).sample
    rgb = (img / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1).numpy()
    # 1e-5 is 400x below one 8-bit level; the VAE's float32 sums differ by ~2e-6 between CPUs' SIMD paths.
    np.testing.assert_allclose(t["image"][..., :3], rgb, rtol=0, atol=1e-5)
    assert np.all(t["image"][..., 3] == 1)
    assert meta["latentScale"] == model.vae.config.scaling_factor
