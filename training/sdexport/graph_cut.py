"""Splits one exported UNet ONNX graph at its `sdexport::AttentionCore` markers (attention_marker).

The UNet (diffusers' own module, with the attn2 processors swapped) is exported ONCE to ONNX with
inputs `sample`, `timestep`, optional `timestep_cond`, and `cond` (the text tokens). Each attn2
site leaves one marker node `AttentionCore(q, k, v) -> out`. The graph is then partitioned by what
each node depends on, as training/blobgen/cut.py does for our own UNet with torch.fx (diffusers'
UNet is not fx-traceable: its forward branches on Python values and tensor shapes):

- prelude: nodes depending only on `cond`; its outputs are every marker's k and v (`site{s}_k`,
  `site{s}_v`, float32[S, 77, heads*d]);
- segment s (0..K): nodes depending on the step inputs whose latest marker ancestor is s-1; the
  markers themselves are left to the engine's attention kernel;
- constants (initializers, Constant nodes and nodes computed from them alone) are copied into every
  graph that uses them.

Pool names: the step inputs by their own names, site s's query `site{s}_q`, the kernel's result
`site{s}_attn`, carried activations `carry{n}` (numbered in graph order), and `model_output`.
Every tensor that crosses a cut is float32 (checked): shape arithmetic is recomputed inside the
segment that needs it, never carried (see `_localise_shape_nodes`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import onnx
from onnx import TensorProto, helper, shape_inference

from .attention_marker import MARKER_OP, UnsupportedModelError


@dataclass
class Graph:
    name: str
    model: onnx.ModelProto
    inputs: list[str]
    outputs: list[str]


@dataclass
class CutResult:
    prelude: Graph
    segments: list[Graph]
    site_k: list[str] = field(default_factory=list)
    site_v: list[str] = field(default_factory=list)
    pool_shapes: dict[str, list] = field(default_factory=dict)  # at the example input shapes


def _attr(node, name):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    raise KeyError(name)


def _probe(model: onnx.ModelProto, concrete: dict | None = None) -> onnx.ModelProto:
    """The graph with each marker replaced by Identity(q) (same shape) and the weights as typed
    inputs (shape inference needs their shapes, not their values): small even for a full-size
    UNet (protobuf's 2 GB limit, memory). `concrete` fixes the input shapes."""
    nodes = []
    for node in model.graph.node:
        if node.op_type == MARKER_OP:
            node = helper.make_node("Identity", [node.input[0]], list(node.output), name=node.name)
        nodes.append(node)
    small, weights = [], []
    for t in model.graph.initializer:
        if len(t.dims) and _elements(t) > 4096:
            weights.append(helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
        else:
            small.append(t)
    inputs = list(model.graph.input)
    if concrete:
        inputs = [helper.make_tensor_value_info(i.name, i.type.tensor_type.elem_type, concrete[i.name])
                  for i in inputs]
    graph = helper.make_graph(nodes, "probe", inputs + weights, list(model.graph.output),
                              initializer=small,
                              value_info=[] if concrete else list(model.graph.value_info))
    probe = helper.make_model(
        graph, opset_imports=[o for o in model.opset_import if o.domain in ("", "ai.onnx")])
    probe.ir_version = model.ir_version
    return probe


def _concrete_shapes(model: onnx.ModelProto, example_shapes: dict) -> dict[str, list]:
    """Every tensor's shape at the example input shapes (onnxruntime's symbolic shape inference
    follows the Shape/Concat/Reshape arithmetic that onnx's own inference leaves unknown)."""
    from onnxruntime.tools.symbolic_shape_infer import SymbolicShapeInference

    inferred = SymbolicShapeInference.infer_shapes(_probe(model, example_shapes), auto_merge=True)
    shapes = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        dims = [d.dim_value if d.HasField("dim_value") else None for d in vi.type.tensor_type.shape.dim]
        if vi.type.tensor_type.HasField("shape") and None not in dims:
            shapes[vi.name] = dims
    return shapes


def _typed_model(model: onnx.ModelProto) -> dict[str, onnx.ValueInfoProto]:
    """Value infos (element types; shapes where onnx can tell) of every tensor."""
    inferred = shape_inference.infer_shapes(_probe(model))
    infos = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        infos[vi.name] = vi
    return infos


def cut_unet_graph(model: onnx.ModelProto, step_inputs: list[str], cond_input: str,
                   output: str = "model_output", example_shapes: dict | None = None) -> CutResult:
    """example_shapes: input name -> dims, to report every pool tensor's shape at those sizes."""
    g = model.graph
    infos = _typed_model(model)
    concrete = _concrete_shapes(model, example_shapes) if example_shapes else {}
    initializers = {t.name: t for t in g.initializer}
    producer = {o: node for node in g.node for o in node.output}
    order = {id(n): k for k, n in enumerate(g.node)}
    markers = sorted((n for n in g.node if n.op_type == MARKER_OP), key=lambda n: _attr(n, "site"))
    if not markers or [_attr(n, "site") for n in markers] != list(range(len(markers))):
        raise UnsupportedModelError("the exported UNet graph has no or misnumbered attention markers")

    # kind of every tensor: "const" (initializers, constants), "cond" (text tokens only), "step"
    # (latent activations), "shape" (depends on the step inputs only through Shape ops).
    kind = {name: "step" for name in step_inputs}
    kind[cond_input] = "cond"
    latest = {name: -1 for name in step_inputs}  # the last marker above a step/shape tensor
    for node in g.node:
        ins = [i for i in node.input if i]
        kinds = {kind.get(i, "const") for i in ins}
        last = max([latest.get(i, -1) for i in ins], default=-1)
        if node.op_type == MARKER_OP:
            site = _attr(node, "site")
            q, k, v = node.input
            if kind.get(q) != "step" or kind.get(k) != "cond" or kind.get(v) != "cond":
                raise UnsupportedModelError(
                    f"attention site {site}: its query must come from the latent and its K/V from "
                    "the text tokens alone")
            out_kind, last = "step", site
        elif "cond" in kinds and kinds & {"step", "shape"}:
            raise UnsupportedModelError(
                f"node {node.name} ({node.op_type}) mixes the text tokens with the latent outside a "
                "cross-attention site; this exporter supports SD-style UNets only")
        elif "cond" in kinds:
            out_kind = "cond"
        elif node.op_type == "Shape" and kinds & {"step", "shape"}:
            out_kind = "shape"
        elif "step" in kinds:
            out_kind = "step"
        elif "shape" in kinds:
            out_kind = "shape"
        else:
            out_kind = "const"
        for o in node.output:
            kind[o], latest[o] = out_kind, last

    site_q = [m.input[0] for m in markers]
    kv = [t for m in markers for t in (m.input[1], m.input[2])]
    rename = {name: name for name in step_inputs + [cond_input]}
    for s, m in enumerate(markers):
        rename.update({m.input[0]: f"site{s}_q", m.input[1]: f"site{s}_k",
                       m.input[2]: f"site{s}_v", m.output[0]: f"site{s}_attn"})

    # Step nodes go to segment (latest marker above them) + 1; const/shape nodes are pulled in
    # (duplicated) wherever they are needed.
    segment_nodes = [[] for _ in range(len(markers) + 1)]
    for node in g.node:
        if node.op_type != MARKER_OP and kind[node.output[0]] == "step":
            segment_nodes[latest[node.output[0]] + 1].append(node)
    for s, q in enumerate(site_q):
        if producer.get(q) not in segment_nodes[s]:
            raise UnsupportedModelError(f"attention site {s}: its query is not computed right before it")
    if producer.get(output) not in segment_nodes[-1]:
        raise UnsupportedModelError(f"the UNet output {output} is not computed after the last site")

    def close(nodes, own_kinds):
        """nodes + the const/shape nodes they need; returns (all nodes in order, tensors read)."""
        members = {id(n) for n in nodes}
        result, reads, stack = list(nodes), [], [i for n in nodes for i in n.input]
        produced = {o for n in nodes for o in n.output}
        while stack:
            t = stack.pop()
            if not t or t in produced or t in initializers:
                continue
            p = producer.get(t)
            if kind.get(t, "const") in ("const", "shape") and p is not None and kind.get(t) not in own_kinds:
                if id(p) not in members:
                    members.add(id(p))
                    result.append(p)
                    produced.update(p.output)
                    stack.extend(p.input)
            elif t not in reads:
                reads.append(t)
        result.sort(key=lambda n: order[id(n)])
        return result, reads

    closed = [close(nodes, ()) for nodes in segment_nodes]
    carries = []
    for _, reads in closed:
        for t in reads:
            if t not in rename and t not in carries:
                carries.append(t)
    carries.sort(key=lambda t: order[id(producer[t])])
    for n, t in enumerate(carries):
        elem = infos[t].type.tensor_type.elem_type if t in infos else None
        if elem != TensorProto.FLOAT:
            raise UnsupportedModelError(
                f"tensor {t} (ONNX type {elem}) would cross a cut; only float32 activations may")
        rename[t] = f"carry{n}"

    def build(name, nodes, inputs, outputs):
        return _subgraph(model, name, nodes, inputs, outputs, rename, infos, initializers)

    prelude_nodes, prelude_reads = close(
        [n for n in g.node if n.op_type != MARKER_OP and kind[n.output[0]] == "cond"], ())
    if prelude_reads != [cond_input]:
        raise UnsupportedModelError(f"the K/V prelude would read {prelude_reads}, not only {cond_input}")
    prelude = build("prelude", prelude_nodes, [cond_input], kv)
    segments = []
    for s, (nodes, reads) in enumerate(closed):
        produced = {o for n in nodes for o in n.output}
        outs = [site_q[s]] if s < len(markers) else [output]
        outs += [c for c in carries if c in produced]
        reads.sort(key=lambda t: _pool_order(rename[t]))
        segments.append(build(f"segment{s}", nodes, reads, outs))
    shapes = {pool: concrete[original] for original, pool in rename.items() if original in concrete}
    if example_shapes and output not in shapes:
        shapes[output] = list(example_shapes[step_inputs[0]])  # the prediction has the sample's shape
    return CutResult(prelude, segments, [rename[m.input[1]] for m in markers],
                     [rename[m.input[2]] for m in markers], shapes)


def _pool_order(name: str):
    """Inputs listed as: step inputs, the previous site's result, then carries in order."""
    if name.startswith("carry"):
        return (2, int(name[5:]))
    if name.startswith("site"):
        return (1, 0)
    return (0, 0)


def _subgraph(model, name, nodes, inputs, outputs, rename, infos, initializers):
    """An ONNX model of `nodes` (already closed over their constants), I/O renamed to pool names."""
    used = {i for n in nodes for i in n.input}

    def r(t):
        return rename.get(t, t) if t else t

    new_nodes = []
    for n in nodes:
        c = onnx.NodeProto()
        c.CopyFrom(n)
        del c.input[:]
        c.input.extend([r(i) for i in n.input])
        del c.output[:]
        c.output.extend([r(o) for o in n.output])
        new_nodes.append(c)

    def value_info(t):
        vi = onnx.ValueInfoProto()
        if t in infos:
            vi.CopyFrom(infos[t])
        else:
            vi.type.tensor_type.elem_type = TensorProto.FLOAT
        vi.name = r(t)
        return vi

    graph = helper.make_graph(new_nodes, name, [value_info(t) for t in inputs],
                              [value_info(t) for t in outputs],
                              initializer=[initializers[t] for t in sorted(used & initializers.keys())])
    opsets = [o for o in model.opset_import if o.domain in ("", "ai.onnx")]
    out = helper.make_model(graph, opset_imports=opsets, producer_name="sdexport")
    out.ir_version = model.ir_version
    return Graph(name, out, [r(t) for t in inputs], [r(t) for t in outputs])


def _elements(t) -> int:
    n = 1
    for d in t.dims:
        n *= d
    return n
