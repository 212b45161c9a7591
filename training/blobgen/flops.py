"""Multiply-add count of one UNet forward (convs, linears, attention matmuls), for the WebGPU budget."""
import torch
import torch.nn as nn

from .model import AttentionCore, SelfAttention


def count_flops(model, *inputs):
    total = [0]
    hooks = []

    def conv(m, i, o):
        total[0] += 2 * o.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def lin(m, i, o):
        total[0] += 2 * o.numel() * m.in_features

    def core(m, i, o):
        q, k = i[0], i[1]
        total[0] += 2 * 2 * q.shape[0] * q.shape[1] * k.shape[1] * q.shape[2]

    def selfatt(m, i, o):
        b, c, h, w = i[0].shape
        total[0] += 2 * 2 * b * (h * w) ** 2 * c

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(lin))
        elif isinstance(m, AttentionCore):
            hooks.append(m.register_forward_hook(core))
        elif isinstance(m, SelfAttention):
            hooks.append(m.register_forward_hook(selfatt))
    with torch.no_grad():
        model(*inputs)
    for h in hooks:
        h.remove()
    return total[0]
