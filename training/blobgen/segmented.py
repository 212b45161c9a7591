"""Run a cut UNet piece by piece, like the browser engine: prelude once, then segments with an
attention function between them (the numpy kernel reference in tests and goldens)."""
import numpy as np
import torch


@torch.no_grad()
def run_prelude(cut, cond):
    outs = cut.prelude.module(torch.as_tensor(cond))
    return {n: o.numpy() for n, o in zip(cut.prelude.outputs, outs)}


@torch.no_grad()
def run_segments(cut, step_inputs, attend, record=None):
    """step_inputs: pool dict (sample, timestep); attend(site index, q numpy) -> attention output.
    Returns the model output; `record` (a dict) receives every pool tensor if given."""
    pool = {k: torch.as_tensor(v) for k, v in step_inputs.items()}
    for s, seg in enumerate(cut.segments):
        outs = seg.module(*[pool[n] for n in seg.inputs])
        pool.update(zip(seg.outputs, outs))
        if s < len(cut.cores):
            q = pool[cut.cores[s]["q"]].numpy()
            pool[cut.cores[s]["attn"]] = torch.from_numpy(np.ascontiguousarray(attend(s, q)))
    if record is not None:
        record.update({k: v.numpy() for k, v in pool.items()})
    return pool["model_output"].numpy()
