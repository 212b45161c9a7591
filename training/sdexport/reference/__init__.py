"""Reference side of the Stable-Diffusion training-free goldens (docs/contracts.md §3, §5):
a diffusers attention processor with our masked cross-attention, a seeded-noise hook for the
schedulers, and a golden writer that drives diffusers' own pipelines."""
