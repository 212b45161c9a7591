"""BlobGEN-tiny: text encoder with the paper's blob embedding, and a UNet with masked cross-attention.

Every cross-attention site calls `AttentionCore` (a leaf module) with (q, k, v, bias). The
exporter (blobgen/cut.py) cuts the traced UNet at those calls, so any UNet whose cross-attention
goes through a swappable core can be segmented the same way.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def fourier_blob_features(params, n_freq=8):
    """params float[..., 5] = (cx, cy, a, b, theta) -> [cx, cy, a, b, sin, cos] and their Fourier features."""
    cx, cy, a, b, th = params.unbind(-1)
    tau = torch.stack([cx, cy, a, b, torch.sin(th), torch.cos(th)], -1)
    freqs = (2.0 ** torch.arange(n_freq, dtype=params.dtype)) * math.pi
    ang = tau[..., :, None] * freqs  # [..., 6, n_freq]
    return torch.cat([tau, torch.sin(ang).flatten(-2), torch.cos(ang).flatten(-2)], -1)


def coordinate_grid(size):
    """float[1, 2, size, size]: (y, x) of each latent pixel centre in [-1, 1], y down."""
    c = (torch.arange(size, dtype=torch.float32) + 0.5) / size * 2 - 1
    y, x = torch.meshgrid(c, c, indexing="ij")
    return torch.stack([y, x])[None]


def attention_bias(valid):
    """Additive bias log(w): 0 where valid (w=1), -inf where excluded (w=0)."""
    return torch.log(valid)


# Token embeddings start at the position embeddings' scale (GPT-2 uses 0.02 for both). At nn.Embedding's
# default N(0, 1) they were 30x larger, word order was lost in the noise and the caption became a bag of
# words: "red fading to blue" and "blue fading to red" gave the same image (training/experiments.md).
TOKEN_INIT_SCALE = 0.02


class TransformerLayer(nn.Module):
    def __init__(self, width, heads, ff=2):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.ff = nn.Sequential(nn.Linear(width, ff * width), nn.GELU(), nn.Linear(ff * width, width))

    def forward(self, x, bias):
        s, l, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(s, l, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(c // self.heads) + bias, -1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(s, l, c))
        return x + self.ff(self.ln2(x))


class TextEncoder(nn.Module):
    """(ids, attention mask, blob params, segment kind) -> conditioning tokens [S, L, cond_dim].

    Blob embedding as in BlobGEN: the description's token features are concatenated with the
    Fourier features of [cx, cy, a, b, sin θ, cos θ] on every token, then an MLP. Caption
    segments (kind 0) get zeroed blob features plus the kind flag.
    """

    def __init__(self, vocab_size, max_tokens=16, width=128, layers=2, heads=4, cond_dim=128, n_freq=8,
                 token_init_scale=TOKEN_INIT_SCALE):
        super().__init__()
        self.n_freq = n_freq
        self.tok = nn.Embedding(vocab_size, width)
        with torch.no_grad():  # scaled, not redrawn: the rest of the initialisation keeps its random stream
            self.tok.weight.mul_(token_init_scale)
        self.pos = nn.Parameter(torch.randn(max_tokens, width) * 0.02)
        self.layers = nn.ModuleList([TransformerLayer(width, heads) for _ in range(layers)])
        self.ln = nn.LayerNorm(width)
        fdim = 6 + 12 * n_freq
        self.mlp = nn.Sequential(nn.Linear(width + fdim + 1, 2 * cond_dim), nn.GELU(),
                                 nn.Linear(2 * cond_dim, cond_dim), nn.LayerNorm(cond_dim))

    def forward(self, ids, attention_mask, blob_params, segment_kind):
        l = ids.shape[1]
        x = self.tok(ids) + self.pos[:l]
        bias = ((attention_mask.float() - 1.0) * 1e9)[:, None, None, :]  # padding keys excluded
        for layer in self.layers:
            x = layer(x, bias)
        x = self.ln(x)
        kind = segment_kind.float()[:, None]
        f = fourier_blob_features(blob_params.float(), self.n_freq) * kind
        f = torch.cat([f, kind], -1)[:, None, :].expand(-1, l, -1)
        return self.mlp(torch.cat([x, f], -1))


class AttentionCore(nn.Module):
    """softmax(q·k/√d + bias)·v per head; the exporter replaces calls to it with a cut."""

    def __init__(self, heads):
        super().__init__()
        self.heads = heads

    def forward(self, q, k, v, bias):
        b, n, c = q.shape
        d = c // self.heads
        q = q.reshape(b, n, self.heads, d).transpose(1, 2)
        k = k.reshape(b, -1, self.heads, d).transpose(1, 2)
        v = v.reshape(b, -1, self.heads, d).transpose(1, 2)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias[:, None], -1)
        return (att @ v).transpose(1, 2).reshape(b, n, c)


class MaskedCrossAttention(nn.Module):
    """One cross-attention site: queries from the feature map, K/V from conditioning tokens."""

    def __init__(self, channels, cond_dim, head_dim=32):
        super().__init__()
        self.heads = channels // head_dim
        self.head_dim = head_dim
        self.norm = nn.GroupNorm(8, channels)
        self.to_q = nn.Linear(channels, channels, bias=False)
        self.to_k = nn.Linear(cond_dim, channels, bias=False)
        self.to_v = nn.Linear(cond_dim, channels, bias=False)
        self.core = AttentionCore(self.heads)
        self.to_out = nn.Linear(channels, channels)

    def forward(self, x, cond, bias):
        q = self.to_q(self.norm(x).flatten(2).transpose(1, 2))
        o = self.core(q, self.to_k(cond), self.to_v(cond), bias)
        # shapes are read from x *after* the core so that no integer crosses a cut
        return x + self.to_out(o).transpose(1, 2).reshape(x.shape)


class SelfAttention(nn.Module):
    def __init__(self, channels, head_dim=32):
        super().__init__()
        self.heads = channels // head_dim
        self.norm = nn.GroupNorm(8, channels)
        self.qkv = nn.Linear(channels, 3 * channels)
        self.proj = nn.Linear(channels, channels)

    def forward(self, x):
        # written without tuple unpacking of shapes/tensors so that torch.fx can trace it
        c = self.proj.in_features
        d = c // self.heads
        t = self.qkv(self.norm(x).flatten(2).transpose(1, 2))
        qkv = t.reshape(x.shape[0], -1, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d), -1)
        o = (att @ v).transpose(1, 2).reshape(x.shape[0], -1, c)
        return x + self.proj(o).transpose(1, 2).reshape(x.shape)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb):
        super().__init__()
        self.n1 = nn.GroupNorm(8, cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(temb, cout)
        self.n2 = nn.GroupNorm(8, cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, temb):
        h = self.c1(F.silu(self.n1(x))) + self.t(temb)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return self.skip(x) + h


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    ang = t.float()[:, None] * freqs[None]
    return torch.cat([torch.sin(ang), torch.cos(ang)], -1)


POS_INIT_STD = 0.05  # about conv_in's mean weight magnitude


class BlobUNet(nn.Module):
    """UNet on the 12x32x32 space-to-depth latent. Masked cross-attention at 32², 16², 8² on the
    way down and up (6 sites), self-attention at 8². Biases are per resolution: [B, HW, N]."""

    def __init__(self, in_ch=12, ch=(32, 64, 128), cond_dim=128, temb=256, latent_size=32):
        super().__init__()
        c0, c1, c2 = ch
        self.temb_dim = temb
        self.t_mlp = nn.Sequential(nn.Linear(128, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.conv_in = nn.Conv2d(in_ch, c0, 3, padding=1)
        # Where each pixel is, fed in once at the stem. Convolutions and attention are (nearly)
        # translation-equivariant, so without it the model cannot reliably tell the top of the
        # image from the bottom: "red fading to blue" came out upside down about half the time.
        # Small random weights, not zeros: at zero nothing downstream has learnt to read it, so
        # it gets almost no gradient (a saddle; measured in training/experiments.md).
        # coords is not persistent: a constant of the graph; checkpoints stay loadable either way.
        # fork_rng: creating it draws nothing from the seeded stream, so runs stay comparable.
        self.register_buffer("coords", coordinate_grid(latent_size), persistent=False)
        with torch.random.fork_rng():
            self.pos_in = nn.Conv2d(2, c0, 1)
            nn.init.normal_(self.pos_in.weight, 0, POS_INIT_STD)
        nn.init.zeros_(self.pos_in.bias)
        self.d0 = ResBlock(c0, c0, temb)
        self.d0x = MaskedCrossAttention(c0, cond_dim)
        self.down0 = nn.Conv2d(c0, c0, 3, stride=2, padding=1)
        self.d1 = ResBlock(c0, c1, temb)
        self.d1x = MaskedCrossAttention(c1, cond_dim)
        self.down1 = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.d2 = ResBlock(c1, c2, temb)
        self.d2s = SelfAttention(c2)
        self.d2x = MaskedCrossAttention(c2, cond_dim)
        self.mid = ResBlock(c2, c2, temb)
        self.u2 = ResBlock(2 * c2, c2, temb)
        self.u2s = SelfAttention(c2)
        self.u2x = MaskedCrossAttention(c2, cond_dim)
        self.up1 = nn.Conv2d(c2, c1, 3, padding=1)
        self.u1 = ResBlock(2 * c1, c1, temb)
        self.u1x = MaskedCrossAttention(c1, cond_dim)
        self.up0 = nn.Conv2d(c1, c0, 3, padding=1)
        self.u0 = ResBlock(2 * c0, c0, temb)
        self.u0x = MaskedCrossAttention(c0, cond_dim)
        self.out_norm = nn.GroupNorm(8, c0)
        self.conv_out = nn.Conv2d(c0, in_ch, 3, padding=1)

    def forward(self, sample, timestep, cond, bias32, bias16, bias8):
        temb = self.t_mlp(timestep_embedding(timestep, 128))
        h0 = self.conv_in(sample) + self.pos_in(self.coords)
        s0 = self.d0x(self.d0(h0, temb), cond, bias32)
        s1 = self.d1x(self.d1(self.down0(s0), temb), cond, bias16)
        s2 = self.d2x(self.d2s(self.d2(self.down1(s1), temb)), cond, bias8)
        h = self.mid(s2, temb)
        h = self.u2x(self.u2s(self.u2(torch.cat([h, s2], 1), temb)), cond, bias8)
        h = self.up1(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u1x(self.u1(torch.cat([h, s1], 1), temb), cond, bias16)
        h = self.up0(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u0x(self.u0(torch.cat([h, s0], 1), temb), cond, bias32)
        return self.conv_out(F.silu(self.out_norm(h)))

    def load_trained(self, state):
        """Load a checkpoint's UNet weights. Checkpoints from before the coordinate input lack
        pos_in; it is set to zero, which reproduces their function exactly."""
        missing, unexpected = self.load_state_dict(state, strict=False)
        if unexpected or set(missing) - {"pos_in.weight", "pos_in.bias"}:
            raise RuntimeError(f"UNet checkpoint mismatch: missing {missing}, unexpected {unexpected}")
        with torch.no_grad():
            for name in missing:
                self.get_parameter(name).zero_()
        return missing

    def cross_attention_sites(self):
        """(module name, module, resolution) in call order."""
        return [("d0x", self.d0x, 32), ("d1x", self.d1x, 16), ("d2x", self.d2x, 8),
                ("u2x", self.u2x, 8), ("u1x", self.u1x, 16), ("u0x", self.u0x, 32)]
