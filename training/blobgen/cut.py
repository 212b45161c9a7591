"""Cut a UNet into a K/V prelude and K+1 segments at its cross-attention cores (docs/architecture.md §4).

Works on any nn.Module that torch.fx can trace and whose cross-attention goes through a leaf
module `core(q, k, v, bias)` (ours: AttentionCore; a diffusers UNet after swapping its attention
processors for such a core). The traced graph is partitioned by what each node depends on:

- prelude: nodes that depend only on the conditioning inputs (the cores' k and v projections);
- segment s: step nodes (depending on the sample/timestep) that come after core s-1 and before
  core s in graph order; core s itself is left to the browser's WGSL kernel;
- bias inputs are consumed only by the cores and disappear from the segments.

Tensors between segments are named in one pool: step inputs by their own names, site s's query
`site{s}_q`, the kernel's result `site{s}_attn`, other carried activations `carry_<node>`, and
the final result `model_output`. Each segment lists exactly the pool names it reads and writes.
"""
from dataclasses import dataclass, field

import torch
import torch.fx as fx


class _Tracer(fx.Tracer):
    def __init__(self, core_types):
        super().__init__()
        self.core_types = core_types

    def is_leaf_module(self, m, qualname):
        return isinstance(m, self.core_types) or super().is_leaf_module(m, qualname)


@dataclass
class Part:
    name: str
    module: fx.GraphModule
    inputs: list
    outputs: list


@dataclass
class CutUNet:
    prelude: Part
    segments: list
    cores: list  # (qualified core module name, q/k/v/bias pool names) per site
    bias_inputs: dict = field(default_factory=dict)  # site index -> bias placeholder name


def _deps(graph):
    """Placeholder names each node depends on (through its ancestors)."""
    deps = {}
    for n in graph.nodes:
        if n.op == "placeholder":
            deps[n] = {n.target}
        else:
            d = set()
            for a in n.all_input_nodes:
                d |= deps[a]
            deps[n] = d
    return deps


def _subgraph(root, nodes, inputs, outputs, deps):
    """GraphModule computing `outputs` (nodes) from `inputs` (list of (pool name, node)).
    Constant nodes (no dependencies) are copied in wherever they are needed."""
    g = fx.Graph()
    env = {}
    for name, node in inputs:
        env[node] = g.placeholder(name)

    def copy(n):
        if n in env:
            return env[n]
        if n not in nodes and deps[n]:
            raise RuntimeError(f"cut: {n.name} is needed but neither an input nor part of this piece")
        for a in n.all_input_nodes:
            copy(a)
        env[n] = g.node_copy(n, lambda a: env[a])
        return env[n]

    outs = [copy(n) for n in outputs]
    g.output(tuple(outs))
    return fx.GraphModule(root, g)


def cut_unet(model, core_types, step_inputs, cond_inputs, bias_inputs, output_name="model_output"):
    tracer = _Tracer(core_types)
    graph = tracer.trace(model)
    deps = _deps(graph)
    nodes = list(graph.nodes)
    cores = [n for n in nodes if n.op == "call_module" and isinstance(model.get_submodule(n.target), core_types)]
    if not cores:
        raise RuntimeError("cut: no attention cores found; swap the cross-attention for a core module first")
    step_inputs, cond_inputs, bias_inputs = set(step_inputs), set(cond_inputs), set(bias_inputs)

    name = {}
    for n in nodes:
        if n.op == "placeholder":
            name[n] = n.target
    core_info = []
    for s, c in enumerate(cores):
        q, k, v, b = c.args
        if not deps[k] <= cond_inputs or not deps[v] <= cond_inputs:
            raise RuntimeError(f"cut: site {s} K/V depend on more than the conditioning")
        if b.op != "placeholder" or b.target not in bias_inputs:
            raise RuntimeError(f"cut: site {s} bias must be one of the bias inputs")
        if q in name:
            raise RuntimeError(f"cut: site {s} reuses another site's query tensor")
        name[q] = f"site{s}_q"
        name[k] = f"site{s}_k"
        name[v] = f"site{s}_v"
        name[c] = f"site{s}_attn"
        core_info.append(dict(module=c.target, bias=b.target))

    # prelude: everything the cores' k/v need from the conditioning
    pre_out = [n for c in cores for n in c.args[1:3]]
    pre_nodes = {n for n in nodes if n.op != "placeholder" and deps[n] and deps[n] <= cond_inputs}
    cond_ph = [(n.target, n) for n in nodes if n.op == "placeholder" and n.target in cond_inputs]
    prelude = Part("prelude", _subgraph(model, pre_nodes, cond_ph, pre_out, deps),
                   [p for p, _ in cond_ph], [name[n] for n in pre_out])

    # segment index of every step node = number of cores before it in graph order
    seg_of, s = {}, 0
    for n in nodes:
        if n in cores:
            seg_of[n] = ("core", s)
            s += 1
        elif n.op == "output":
            seg_of[n] = ("out", s)
        elif n.op != "placeholder" and deps[n] and not deps[n] <= cond_inputs | bias_inputs:
            seg_of[n] = ("seg", s)
    n_seg = len(cores) + 1
    members = [set() for _ in range(n_seg)]
    for n, (kind, i) in seg_of.items():
        if kind == "seg":
            members[i].add(n)

    final = graph.find_nodes(op="output")[0] if hasattr(graph, "find_nodes") else [n for n in nodes if n.op == "output"][0]
    result = final.args[0]
    if not isinstance(result, fx.Node):
        raise RuntimeError("cut: the UNet must return a single tensor")
    name[result] = output_name

    def producer(n):
        """Which segment writes n into the pool (-1 for step inputs)."""
        if n.op == "placeholder":
            return -1
        kind, i = seg_of[n]
        return i + 1 if kind == "core" else i

    # who reads what: segment nodes read their inputs, core s reads its q at boundary s
    reads = [set() for _ in range(n_seg)]
    for i in range(n_seg):
        for n in members[i]:
            for a in n.all_input_nodes:
                if a not in members[i] and (deps[a] or a.op == "placeholder"):
                    reads[i].add(a)
    writes = [set() for _ in range(n_seg)]
    for i in range(n_seg):
        for a in reads[i]:
            p = producer(a)
            if p >= 0 and p != i:
                writes[p].add(a)
    for s, c in enumerate(cores):
        writes[producer(c.args[0])].add(c.args[0])
    writes[producer(result)].add(result)

    segments = []
    for i in range(n_seg):
        for n in reads[i] | writes[i]:
            if n not in name:
                name[n] = f"carry_{n.name}"
        ins = sorted(reads[i], key=nodes.index)
        outs = sorted(writes[i], key=nodes.index)
        if i < len(cores):  # the site's query first, as the kernel's input
            q = cores[i].args[0]
            outs = [q] + [o for o in outs if o is not q]
        gm = _subgraph(model, members[i], [(name[n], n) for n in ins], outs, deps)
        segments.append(Part(f"segment{i}", gm, [name[n] for n in ins], [name[n] for n in outs]))
    return CutUNet(prelude, segments, [dict(info, q=f"site{s}_q", k=f"site{s}_k", v=f"site{s}_v",
                                            attn=f"site{s}_attn") for s, info in enumerate(core_info)])
