"""BlobGEN-tiny: synthetic blob scenes, a small blob-conditioned diffusion model, and its ONNX export."""
