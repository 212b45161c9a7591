"""The exporter's cut is exact: prelude + segments with the numpy kernel reference between them
reproduce the PyTorch forward (≤ 1e-4), for our UNet and for an unrelated toy UNet."""
import numpy as np
import onnx
import torch
import torch.nn as nn

from blobgen import data
from blobgen.attention_ref import masked_cross_attention
from blobgen.contract_inputs import cfg_entries, layout_segments, site_masks, torch_keys
from blobgen.cut import cut_unet
from blobgen.model import AttentionCore, BlobUNet, TextEncoder
from blobgen.onnx_export import OPSET, cut_our_unet, export_decoder, export_text_encoder, export_unet_pieces
from blobgen.segmented import run_prelude, run_segments
from blobgen.tokenizer import default_tokenizer


def _models():
    torch.manual_seed(0)
    tok = default_tokenizer()
    te, unet = TextEncoder(len(tok.vocab)).eval(), BlobUNet().eval()
    with torch.no_grad():  # random but non-trivial attention: sharpen the query projections
        for _, m, _ in unet.cross_attention_sites():
            m.to_q.weight.mul_(4)
            m.to_out.weight.normal_(0, 0.2)
        unet.pos_in.weight.normal_(0, 0.5)  # the coordinate input is a constant the cut must carry
    return tok, te, unet


def test_segments_with_numpy_attention_match_pytorch_forward():
    tok, te, unet = _models()
    scene = data.sample_scene(11)
    while len(scene["blobs"]) < 3:
        scene = data.sample_scene(scene["seed"] + 1)
    seg = layout_segments(tok, scene["caption"], scene["blobs"])
    with torch.no_grad():
        cond = te(*[torch.from_numpy(seg[k]) for k in ("input_ids", "attention_mask", "blob_params", "segment_kind")])
    cut = cut_our_unet(unet)
    kv = run_prelude(cut, cond.numpy())
    entries = cfg_entries(len(scene["blobs"]))
    masks = site_masks(scene["blobs"], (32, 16, 8))
    counts = seg["attention_mask"].sum(1)
    sites = unet.cross_attention_sites()

    def attend(i, q):
        c = cut.cores[i]
        return masked_cross_attention(q, kv[c["k"]], kv[c["v"]], counts, entries, masks[sites[i][2]], sites[i][1].heads)

    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 12, 32, 32)).astype(np.float32)
    t = np.array([700.0, 700.0], np.float32)
    out = run_segments(cut, dict(sample=x, timestep=t), attend)
    keys, bias = torch_keys(cond.numpy(), counts, entries, masks, tok.max_tokens)
    with torch.no_grad():
        ref = unet(torch.from_numpy(x), torch.from_numpy(t), keys, bias[32], bias[16], bias[8]).numpy()
    assert np.abs(out - ref).max() <= 1e-4
    assert np.abs(out[0] - out[1]).max() > 1e-3  # the conditioning actually matters


class _ToyCore(AttentionCore):
    pass


class _ToyUNet(nn.Module):
    """A different shape of network: a skip that jumps over two sites, sites sharing a bias."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(4, 8, 3, padding=1)
        self.qa, self.qb = nn.Linear(8, 8), nn.Linear(8, 8)
        self.ka, self.va = nn.Linear(6, 8), nn.Linear(6, 8)
        self.kb, self.vb = nn.Linear(6, 8), nn.Linear(6, 8)
        self.ca, self.cb = _ToyCore(2), _ToyCore(1)
        self.out = nn.Conv2d(16, 4, 1)

    def forward(self, x, c, bias):
        h = torch.relu(self.a(x))
        t = h.flatten(2).transpose(1, 2)
        o = self.ca(self.qa(t), self.ka(c), self.va(c), bias)
        o = self.cb(self.qb(o) * 2, self.kb(c), self.vb(c), bias)
        o = o.transpose(1, 2).reshape(h.shape)
        return self.out(torch.cat([o, h], 1))


def test_cut_is_generic():
    torch.manual_seed(1)
    net = _ToyUNet().eval()
    cut = cut_unet(net, (_ToyCore,), ["x"], ["c"], ["bias"])
    assert len(cut.segments) == 3 and cut.prelude.outputs == ["site0_k", "site0_v", "site1_k", "site1_v"]
    x, c = torch.randn(2, 4, 5, 5), torch.randn(2, 3, 6)
    bias = torch.zeros(2, 25, 3)
    bias[1, :, 2] = float("-inf")
    kv = dict(zip(cut.prelude.outputs, cut.prelude.module(c)))
    cores = [net.ca, net.cb]

    def attend(i, q):
        k, v = kv[cut.cores[i]["k"]], kv[cut.cores[i]["v"]]
        return cores[i](torch.from_numpy(q), k, v, bias).numpy()

    out = run_segments(cut, dict(x=x.numpy()), attend)
    with torch.no_grad():
        assert np.abs(out - net(x, c, bias).numpy()).max() <= 1e-5


def test_onnx_graphs_are_valid_opset17(tmp_path):
    tok, te, unet = _models()
    ops = export_text_encoder(te, str(tmp_path / "te.onnx"), max_tokens=tok.max_tokens)
    assert "Gather" in ops
    cut, seg_ops = export_unet_pieces(unet, str(tmp_path))
    export_decoder(str(tmp_path / "decoder.onnx"))
    for i, seg in enumerate(cut.segments):
        m = onnx.load(str(tmp_path / f"unet_segment{i}.onnx"))
        assert max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) <= OPSET
        assert [v.name for v in m.graph.input] == seg.inputs
        assert [v.name for v in m.graph.output] == seg.outputs
    assert all("GroupNormalization" not in v for v in seg_ops.values())
