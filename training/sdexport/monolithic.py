"""Benchmark-only monolithic UNet: the marker graph with each `AttentionCore` made plain attention.

`python -m sdexport ... --benchmark-monolithic` writes `unet_monolithic.onnx` next to the segments
and lists it in the manifest as `unet.monolithic` (file role "benchmark"; the runtime never
downloads it). It is what a model without our kernel runs: per attn2 site, head split,
MatMul(QKᵀ)·scale + an additive bias, Softmax, MatMul(·V), head merge; the bias input is shared by
every site of one resolution, `bias{r}` float32[B, r*r, N] (log mask weight, −inf where a key is
excluded), broadcast over heads, as training/blobgen's `unet.monolithic` (docs/model-pack.md).

`cond` becomes float32[B, N, D]: the keys of one item, its segments' 77-token encodings
concatenated, so a 4-blob CFG batch has N = 5·77 keys per item. Nothing in the marker graph
depends on the key count except the markers' K/V, which the replacement reshapes with 0 (copy).
"""
from __future__ import annotations

import onnx
from onnx import TensorProto, helper

from .attention_marker import MARKER_DOMAIN, MARKER_OP, UnsupportedModelError


def _attr(node, name):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    raise KeyError(name)


def bias_key(resolution) -> str:
    h, w = resolution
    if h != w:
        raise UnsupportedModelError(f"monolithic benchmark graph: site resolution {h}x{w} is not square")
    return str(h)


def _attention_nodes(node, site: int, heads: int, scale: float, bias: str, constants: dict) -> list:
    q, k, v = node.input[:3]
    p = f"mono{site}_"

    def const(name: str, values, dtype=TensorProto.INT64):
        if name not in constants:
            constants[name] = helper.make_tensor(name, dtype, [len(values)] if dtype == TensorProto.INT64 else [],
                                                 values)
        return name

    split = const(f"mono_split_h{heads}", [0, 0, heads, -1])
    merge = const("mono_merge", [0, 0, -1])
    axis1 = const("mono_axis1", [1])
    scale_name = const(f"mono_scale{site}", [scale], TensorProto.FLOAT)
    return [
        helper.make_node("Reshape", [q, split], [p + "q4"]),
        helper.make_node("Transpose", [p + "q4"], [p + "qh"], perm=[0, 2, 1, 3]),      # [B,h,HW,d]
        helper.make_node("Reshape", [k, split], [p + "k4"]),
        helper.make_node("Transpose", [p + "k4"], [p + "kt"], perm=[0, 2, 3, 1]),      # [B,h,d,N]
        helper.make_node("Reshape", [v, split], [p + "v4"]),
        helper.make_node("Transpose", [p + "v4"], [p + "vh"], perm=[0, 2, 1, 3]),      # [B,h,N,d]
        helper.make_node("MatMul", [p + "qh", p + "kt"], [p + "qk"]),
        helper.make_node("Mul", [p + "qk", scale_name], [p + "scaled"]),
        helper.make_node("Unsqueeze", [bias, axis1], [p + "bias4"]),                   # [B,1,HW,N]
        helper.make_node("Add", [p + "scaled", p + "bias4"], [p + "logits"]),
        helper.make_node("Softmax", [p + "logits"], [p + "weights"], axis=-1),
        helper.make_node("MatMul", [p + "weights", p + "vh"], [p + "oh"]),             # [B,h,HW,d]
        helper.make_node("Transpose", [p + "oh"], [p + "o4"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", [p + "o4", merge], [node.output[0]]),            # [B,HW,h*d]
    ]


def monolithic_unet(marked: onnx.ModelProto, sites: list[dict], cond_input: str = "cond") -> tuple[onnx.ModelProto, dict]:
    """Returns (graph, manifest entry without "file"). `sites` is the manifest's `unet.sites`."""
    by_index = {s["index"]: s for s in sites}
    bias_names: dict[str, str] = {}
    constants: dict = {}
    nodes = []
    for node in marked.graph.node:
        if node.op_type != MARKER_OP:
            nodes.append(node)
            continue
        site = by_index[int(_attr(node, "site"))]
        key = bias_key(site["resolution"])
        bias = bias_names.setdefault(key, f"bias{key}")
        nodes.extend(_attention_nodes(node, site["index"], int(_attr(node, "heads")), float(_attr(node, "scale")),
                                      bias, constants))
    if len(bias_names) == 0:
        raise UnsupportedModelError("monolithic benchmark graph: the UNet graph has no attention markers")
    inputs = []
    for i in marked.graph.input:
        if i.name == cond_input:
            width = i.type.tensor_type.shape.dim[2].dim_value
            i = helper.make_tensor_value_info(cond_input, TensorProto.FLOAT, ["B", "N", width])
        inputs.append(i)
    for key, name in sorted(bias_names.items(), key=lambda kv: -int(kv[0])):
        r = int(key)
        inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["B", r * r, "N"]))
    graph = helper.make_graph(nodes, "unet_monolithic", inputs, list(marked.graph.output),
                              initializer=list(marked.graph.initializer) + list(constants.values()))
    model = helper.make_model(graph, opset_imports=[o for o in marked.opset_import if o.domain != MARKER_DOMAIN])
    model.ir_version = marked.ir_version
    input_types = {}
    for i in inputs:
        dims = [d.dim_param or str(d.dim_value) for d in i.type.tensor_type.shape.dim]
        input_types[i.name] = f"float32[{','.join(dims)}]"
    names = {i.name for i in inputs}
    entry = {"purpose": "benchmark only: the same UNet with plain attention (MatMul/Softmax) at every attn2 site "
                        "and an additive bias input per site resolution",
             "inputs": {"sample": "sample", "timestep": "timestep", "cond": cond_input,
                        "biasByResolution": dict(sorted(bias_names.items(), key=lambda kv: -int(kv[0])))},
             "inputTypes": {k: v for k, v in input_types.items() if k in names},
             "output": "model_output"}
    if "timestep_cond" in names:
        entry["inputs"]["timestepCond"] = "timestep_cond"
    return model, entry
