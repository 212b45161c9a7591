"""Writes the reference goldens of the test packs and lists them in their manifests.

    python -m sdexport.reference.make_goldens                     # test-packs/{sd1,sd2,lcm}-tiny
    python -m sdexport.reference.make_goldens --pack <pack folder> [--model <diffusers model folder>] [--cases sd1-tiny]

(run from training/ with the .venv interpreter, after the packs are exported: the exporter keeps
goldens/ and its manifest entries across re-exports). The model folder is the one the pack was
exported from (default: sdexport.tiny_models' folder of the pack's name); --cases picks the case
list (default: the pack folder's name)."""
import argparse
import os
import shutil

import torch
from diffusers.utils import logging as diffusers_logging

from .cases import CASES
from .golden_io import add_goldens_to_manifest, write_golden
from .run import load_model, run_case

GENERATOR = "training/sdexport/reference (diffusers pipelines, masked attn2 processor)"


def case_meta(pack, case, run_meta):
    return dict(
        pack=pack, seed=case.seed, caption=case.caption, negativeCaption=case.negative_caption,
        blobs=[dict(cx=b.cx, cy=b.cy, a=b.a, b=b.b, theta=b.theta, description=b.description) for b in case.blobs],
        settings=dict(sampler=case.sampler, steps=case.steps, guidance=case.guidance, maskMode=case.mask_mode,
                      featherWidth=case.feather_width, classifierFreeGuidance=case.guided,
                      schedulerOverrides=case.scheduler_overrides),
        generator=GENERATOR,
        notes=("Latents are in the engine's VP space (what the UNet receives): initial_latent = initial_noise × "
               "initNoiseScale, latents[i] = UNet input at step i, latents[steps] = final_latent. step_noise[i] = "
               "the i-th scheduler draw, the next C*H*W normals of the seeded stream after initial_noise."),
        **run_meta)


def write_pack_goldens(model_dir, pack_dir, cases_key=None, update_manifest=True):
    """Runs every case of the pack, writes goldens/<case>.{json,bin,png}; returns (written, runs)."""
    diffusers_logging.set_verbosity_error()
    torch.manual_seed(0)  # nothing should draw from torch's generator; fixed anyway
    key = cases_key or os.path.basename(os.path.normpath(pack_dir))
    if key not in CASES:
        raise ValueError(f"no golden cases for {key!r}; known: {sorted(CASES)}")
    model = load_model(model_dir)
    gdir = os.path.join(pack_dir, "goldens")
    written, runs = [], []
    for case in CASES[key]:
        tensors, run_meta = run_case(model, case)
        written += write_golden(gdir, case.name, case_meta(key, case, run_meta), tensors)
        runs.append(f"goldens/{case.name}.json")
    if update_manifest and os.path.exists(os.path.join(pack_dir, "manifest.json")):
        add_goldens_to_manifest(pack_dir, written, runs)
    return written, runs


TEST_PACKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "test-packs")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pack", action="append", help="pack folder; goldens go to <pack>/goldens/ "
                    "(repeatable; default: every test pack of cases.py under test-packs/)")
    ap.add_argument("--model", help="diffusers model folder the pack was exported from (one --pack only)")
    ap.add_argument("--cases", help="case list name (default: the pack folder's name)")
    ap.add_argument("--clean", action="store_true", help="delete <pack>/goldens/ first")
    ap.add_argument("--no-manifest", action="store_true", help="do not touch manifest.json")
    args = ap.parse_args(argv)
    packs = args.pack or [os.path.normpath(os.path.join(TEST_PACKS, name)) for name in sorted(CASES)]
    if args.model and len(packs) != 1:
        ap.error("--model goes with exactly one --pack")
    for pack in packs:
        model = args.model
        if model is None:
            from sdexport.tiny_models import tiny_model_folder
            model = str(tiny_model_folder(args.cases or os.path.basename(os.path.normpath(pack))))
        if args.clean and os.path.isdir(os.path.join(pack, "goldens")):
            shutil.rmtree(os.path.join(pack, "goldens"))
        written, runs = write_pack_goldens(model, pack, args.cases, not args.no_manifest)
        total = sum(os.path.getsize(os.path.join(pack, p)) for p in written)
        print(f"{pack}: {len(runs)} goldens, {len(written)} files, {total} bytes")


if __name__ == "__main__":
    main()
