"""Space-to-depth ×2 'latent': image [B,3,64,64] in [0,1] <-> latent [B,12,32,32] in [-1,1].

Latent channel k = 4·c + 2·dy + dx holds colour c of the pixel (2y+dy, 2x+dx). The decoder
graph is the exact inverse plus the map to RGBA in [0, 1]."""
import torch


def space_to_depth(img):
    b, c, h, w = img.shape
    x = img.reshape(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4)
    return x.reshape(b, c * 4, h // 2, w // 2) * 2 - 1


def depth_to_space(lat):
    b, c4, h, w = lat.shape
    x = lat.reshape(b, c4 // 4, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3)
    return x.reshape(b, c4 // 4, h * 2, w * 2)


class Decoder(torch.nn.Module):
    """latent [B,12,32,32] -> image float32[B, 64, 64, 4] RGBA in [0, 1] (NHWC, alpha = 1)."""

    def forward(self, latent):
        rgb = torch.clamp((depth_to_space(latent) + 1) * 0.5, 0, 1).permute(0, 2, 3, 1)
        return torch.cat([rgb, rgb[..., :1] * 0 + 1], -1)
