"""The masked attn2 processor: reduces to diffusers' default attention, and is local per blob."""
import sdexport.reference.testing  # noqa: F401 (fails loudly without the .venv packages)
import numpy as np
import pytest
import torch
from diffusers import UNet2DConditionModel
from diffusers.models.attention_processor import Attention, AttnProcessor

from blobgen.masks import rasterize_blob_masks
from sdexport.reference.masked_attention import (MaskedCrossAttnProcessor, SiteMasks, cross_attention_sites,
                                                 install_masked_processors)
from sdexport.reference.plan import Blob, plan_generation

L = 77


def small_unet(seed=0, cross=48):
    torch.manual_seed(seed)
    return UNet2DConditionModel(sample_size=8, block_out_channels=(32, 64), layers_per_block=1,
                                down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
                                up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
                                cross_attention_dim=cross, attention_head_dim=8, norm_num_groups=8).eval()


def sd_site(seed=0, dim=320, cross=768, heads=8):
    """One attn2 module at SD-1.x site shapes (8 heads of width 40, K/V input 768)."""
    torch.manual_seed(seed)
    return Attention(query_dim=dim, cross_attention_dim=cross, heads=heads, dim_head=dim // heads).eval()


def unet_out(unet, x, t, ehs):
    with torch.no_grad():
        return unet(x, t, ehs).sample


@pytest.mark.parametrize("guided", [True, False])
def test_no_blobs_equals_default_attention_in_the_unet(guided):
    unet = small_unet()
    torch.manual_seed(1)
    batch = 2 if guided else 1
    x = torch.randn(1, 4, 8, 8).repeat(batch, 1, 1, 1)
    ehs = torch.randn(batch, L, 48)  # [negative; caption] as diffusers' pipeline concatenates them
    t = torch.tensor(500.0)
    unet.set_attn_processor(AttnProcessor())
    ref = unet_out(unet, x, t, ehs)
    plan = plan_generation("c", [], "n", guided)
    sites = install_masked_processors(unet, [[m for _, m in it] for it in plan.items], SiteMasks([], "hard", 0.02))
    assert len(sites) == 7  # down 2 blocks × 1, mid 1, up 2 blocks × 2
    got = unet_out(unet, x, t, ehs)
    assert got.shape == ref.shape
    assert torch.max(torch.abs(got - ref)).item() <= 1e-6
    # attn1 (self-attention) kept the default processor
    procs = unet.attn_processors
    assert all(isinstance(p, AttnProcessor) for n, p in procs.items() if n.endswith("attn1.processor"))
    assert all(isinstance(p, MaskedCrossAttnProcessor) for n, p in procs.items() if n.endswith("attn2.processor"))


def test_blob_covering_everything_equals_default_attention_over_the_concatenation():
    """With w = 1 everywhere (log w = 0) the masked softmax is plain attention over [caption | blob]."""
    attn = sd_site()
    torch.manual_seed(2)
    hs = torch.randn(1, 16 * 16, 320)
    ehs = torch.randn(1, 2 * L, 768)
    ref = AttnProcessor()(attn, hs, ehs)
    everywhere = Blob(0.5, 0.5, 2.0, 2.0, 0.0, "x")
    masks = SiteMasks([everywhere], "hard", 0.02)
    assert np.all(masks.at(16, 16) == 1)
    got = MaskedCrossAttnProcessor(0, [[-1, 0]], masks)(attn, hs, ehs)
    assert torch.max(torch.abs(got - ref)).item() <= 1e-6


def test_hard_mask_excludes_keys_and_coverage_weights_them():
    """Direct check of the logit rule on one pixel: softmax(q·k/√d + log w) · V per head."""
    attn = sd_site(heads=8)
    torch.manual_seed(3)
    hs = torch.randn(1, 64, 320)
    ehs = torch.randn(1, 2 * L, 768)
    blob = Blob(0.3, 0.6, 0.25, 0.12, 0.4, "x")
    for mode in ("hard", "coverage", "feather"):
        masks = SiteMasks([blob], mode, 0.05)
        w = masks.at(8, 8).reshape(-1).astype(np.float64)
        seen = {}
        with torch.no_grad():
            MaskedCrossAttnProcessor(0, [[-1, 0]], masks, recorder=lambda s, q, a: seen.update(q=q, a=a))(attn, hs, ehs)
            k = attn.to_k(ehs)[0].double().numpy()
            v = attn.to_v(ehs)[0].double().numpy()
        q = seen["q"][0].double().numpy()
        d = 40
        expected = np.zeros((64, 320))
        with np.errstate(divide="ignore"):
            logw = np.log(w)
        for h in range(8):
            sl = slice(h * d, (h + 1) * d)
            logits = q[:, sl] @ k[:, sl].T / np.sqrt(d)
            logits[:, L:] += logw[:, None]
            logits -= logits.max(1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(1, keepdims=True)
            expected[:, sl] = p @ v[:, sl]
        assert np.max(np.abs(seen["a"][0].numpy() - expected)) < 2e-5, mode
        if mode == "hard":
            assert set(np.unique(w)) == {0.0, 1.0}


@pytest.mark.parametrize("mode", ["hard", "coverage", "feather"])
def test_changing_a_blob_description_changes_attention_only_inside_its_mask(mode):
    """SD-1.x site shapes (16×16 map, 8 heads × 40, K/V from 768-wide CLIP tokens), 3 blobs with an
    overlapping pair: new text for blob i moves the output only where mask_i > 0."""
    attn = sd_site()
    torch.manual_seed(4)
    hs = torch.randn(2, 256, 320)
    blobs = [Blob(0.35, 0.45, 0.26, 0.18, 0.35, "a"), Blob(0.56, 0.58, 0.24, 0.2, -0.6, "b"),
             Blob(0.8, 0.2, 0.12, 0.08, 1.1, "c")]
    plan = plan_generation("cap", blobs, "neg", True)
    item_masks = [[m for _, m in it] for it in plan.items]
    masks = SiteMasks(blobs, mode, 0.03)
    segs = torch.randn(len(plan.segments), L, 768)

    def attention(segments):
        cond_row = torch.cat([segments[s] for s, _ in plan.items[1]])
        neg_row = torch.cat([segments[0], torch.zeros(cond_row.shape[0] - L, 768)])
        seen = {}
        proc = MaskedCrossAttnProcessor(0, item_masks, masks, recorder=lambda s, q, a: seen.update(a=a))
        with torch.no_grad():
            out = proc(attn, hs, torch.stack([neg_row, cond_row]))
        return seen["a"].numpy(), out.numpy()

    base_attn, base_out = attention(segs)
    m = masks.at(16, 16).reshape(3, -1)
    assert np.any((m[0] > 0) & (m[1] > 0)), "the layout needs an overlapping pair"
    for i in range(3):
        changed = segs.clone()
        changed[2 + i] = torch.randn(L, 768)
        a, o = attention(changed)
        for name, new, base in (("attn", a, base_attn), ("out", o, base_out)):
            diff = np.abs(new - base).max(axis=2)  # per item, per pixel
            assert np.all(diff[0] == 0), f"{name}: the unconditional item must not see blobs"
            outside = m[i] == 0
            assert np.all(diff[1][outside] == 0), f"{name}: blob {i} moved pixels outside its mask"
            assert np.all(diff[1][~outside] > 1e-4), f"{name}: blob {i} did not move every pixel inside its mask"


def test_sites_are_in_execution_order():
    unet = small_unet()
    names = cross_attention_sites(unet)
    order, hooks = [], []
    mods = dict(unet.named_modules())
    for n in names:
        hooks.append(mods[n[: -len(".processor")]].register_forward_pre_hook(lambda m, a, n=n: order.append(n)))
    unet_out(unet, torch.zeros(1, 4, 8, 8), torch.tensor(1.0), torch.zeros(1, L, 48))
    assert order == names
    assert names[0].startswith("down_blocks.0") and names[-1].startswith("up_blocks.1")


def test_masks_are_the_shared_rasteriser():
    blobs = [Blob(0.3, 0.4, 0.2, 0.1, 0.5, "x")]
    for mode in ("hard", "coverage", "feather"):
        np.testing.assert_array_equal(SiteMasks(blobs, mode, 0.04).at(8, 8),
                                      rasterize_blob_masks([b.params for b in blobs], 8, 8, mode, 0.04))


def test_wrong_batch_or_too_few_tokens_is_an_error():
    attn = sd_site()
    hs = torch.zeros(2, 64, 320)
    with pytest.raises(ValueError, match="batch 2 but the plan has 1 items"):
        MaskedCrossAttnProcessor(3, [[-1]], SiteMasks([], "hard", 0.02))(attn, hs, torch.zeros(2, L, 768))
    with pytest.raises(ValueError, match="needs 154 key tokens"):
        MaskedCrossAttnProcessor(3, [[-1], [-1, 0]], SiteMasks([Blob(.5, .5, .2, .2, 0, "x")], "hard", 0.02))(
            attn, hs, torch.zeros(2, L, 768))


def test_locality_at_the_first_site_of_a_unet_forward():
    """Site 0's input does not depend on the text, so inside a real UNet pass a new description for
    blob i moves site 0's attention output exactly where mask_i > 0 (batch item 1 only)."""
    unet = small_unet(cross=48)
    blobs = [Blob(0.35, 0.45, 0.26, 0.18, 0.35, "a"), Blob(0.56, 0.58, 0.24, 0.2, -0.6, "b")]
    plan = plan_generation("cap", blobs, "neg", True)
    masks = SiteMasks(blobs, "coverage", 0.02)
    seen = {}
    install_masked_processors(unet, [[m for _, m in it] for it in plan.items], masks,
                              recorder=lambda s, q, a: seen.setdefault(s, a.numpy().copy()))
    torch.manual_seed(5)
    x = torch.randn(1, 4, 8, 8).repeat(2, 1, 1, 1)
    segs = torch.randn(len(plan.segments), L, 48)

    def site0(segments):
        seen.clear()
        cond_row = torch.cat([segments[s] for s, _ in plan.items[1]])
        neg_row = torch.cat([segments[0], torch.zeros(cond_row.shape[0] - L, 48)])
        unet_out(unet, x, torch.tensor(700.0), torch.stack([neg_row, cond_row]))
        return seen[0]

    base = site0(segs)
    m = masks.at(8, 8).reshape(2, -1)
    for i in range(2):
        changed = segs.clone()
        changed[2 + i] = torch.randn(L, 48)
        diff = np.abs(site0(changed) - base).max(axis=2)
        assert np.all(diff[0] == 0)
        assert np.all(diff[1][m[i] == 0] == 0)
        assert np.all(diff[1][m[i] > 0] > 1e-5)
