"""ONNX export of the pack's graphs (fp32, opset 17, dynamic batch / segment axes)."""
import onnx
import torch

from .cut import cut_unet
from .latent import Decoder
from .model import AttentionCore

OPSET = 17
BIAS_INPUTS = ["bias32", "bias16", "bias8"]


def _export(module, args, path, inputs, outputs, dynamic):
    torch.onnx.export(module, tuple(args), path, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    model = onnx.load(path)
    onnx.checker.check_model(model)
    return sorted({n.op_type for n in model.graph.node})


def export_text_encoder(te, path, n_seg=4, max_tokens=16):
    args = (torch.zeros(n_seg, max_tokens, dtype=torch.int64), torch.ones(n_seg, max_tokens),
            torch.rand(n_seg, 5), torch.ones(n_seg))
    names = ["input_ids", "attention_mask", "blob_params", "segment_kind"]
    dyn = {"input_ids": {0: "segments"}, "attention_mask": {0: "segments"}, "blob_params": {0: "segments"},
           "segment_kind": {0: "segments"}, "cond": {0: "segments"}}
    return _export(te, args, path, names, ["cond"], dyn)


def cut_our_unet(unet):
    return cut_unet(unet, (AttentionCore,), ["sample", "timestep"], ["cond"], BIAS_INPUTS)


@torch.no_grad()
def _pool_examples(cut, batch=2, cond_dim=128):
    """Example tensors for every pool name, by running the pieces with the torch core."""
    cond = torch.randn(3, 16, cond_dim)
    kv = dict(zip(cut.prelude.outputs, cut.prelude.module(cond)))
    pool = {"sample": torch.randn(batch, 12, 32, 32), "timestep": torch.full((batch,), 500.0)}
    for s, seg in enumerate(cut.segments):
        pool.update(zip(seg.outputs, seg.module(*[pool[n] for n in seg.inputs])))
        if s < len(cut.cores):
            c = cut.cores[s]
            q = pool[c["q"]]
            k = kv[c["k"]].reshape(1, -1, q.shape[-1]).expand(batch, -1, -1)
            v = kv[c["v"]].reshape(1, -1, q.shape[-1]).expand(batch, -1, -1)
            heads = q.shape[-1] // 32
            pool[c["attn"]] = AttentionCore(heads)(q, k, v, torch.zeros(batch, q.shape[1], k.shape[1]))
    return cond, pool


def export_unet_pieces(unet, out_dir):
    """prelude.onnx + unet_segment{i}.onnx; returns the cut and the op types used per file."""
    cut = cut_our_unet(unet.eval())
    cond, pool = _pool_examples(cut)
    ops = {}
    dyn = {"cond": {0: "segments", 1: "tokens"}}
    dyn.update({n: {0: "segments", 1: "tokens"} for n in cut.prelude.outputs})
    ops["prelude.onnx"] = _export(cut.prelude.module, [cond], f"{out_dir}/prelude.onnx", cut.prelude.inputs,
                                  cut.prelude.outputs, dyn)
    for i, seg in enumerate(cut.segments):
        dyn = {n: {0: "batch"} for n in seg.inputs + seg.outputs}
        ops[f"unet_segment{i}.onnx"] = _export(seg.module, [pool[n] for n in seg.inputs], f"{out_dir}/unet_segment{i}.onnx",
                                              seg.inputs, seg.outputs, dyn)
    return cut, ops


def export_monolithic(unet, path):
    """Benchmark-only UNet with the masked attention inside: per-resolution additive biases."""
    b, n = 2, 48
    args = [torch.randn(b, 12, 32, 32), torch.full((b,), 500.0), torch.randn(b, n, 128)] + \
           [torch.zeros(b, r * r, n) for r in (32, 16, 8)]
    names = ["sample", "timestep", "cond"] + BIAS_INPUTS
    dyn = {"sample": {0: "batch"}, "timestep": {0: "batch"}, "cond": {0: "batch", 1: "keys"},
           "model_output": {0: "batch"}}
    dyn.update({k: {0: "batch", 2: "keys"} for k in BIAS_INPUTS})
    return _export(unet.eval(), args, path, names, ["model_output"], dyn)


def export_decoder(path):
    return _export(Decoder(), [torch.randn(1, 12, 32, 32)], path, ["latent"], ["image"],
                   {"latent": {0: "batch"}, "image": {0: "batch"}})
