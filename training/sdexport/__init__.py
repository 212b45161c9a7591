"""Stable-Diffusion-class pack exporter (docs/model-pack.md, training-free mode)."""
