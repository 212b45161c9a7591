"""train.py end to end for a few seconds: the two-stage recipe of the shipped pack (a first stage
without the coordinate input, then resumed with it) checkpoints, resumes and grows the model."""
import os
import subprocess
import sys

import torch

TRAIN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "train.py")


def _train(tmp_path, *extra):
    cmd = [sys.executable, TRAIN, "--out", str(tmp_path / "ckpt"), "--logs", str(tmp_path / "logs"),
           "--batch", "4", "--eval-every", "0", *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout, torch.load(tmp_path / "ckpt" / "last.pt")


def test_first_stage_without_coordinates_then_resumed_with_them(tmp_path):
    out1, st1 = _train(tmp_path, "--minutes", "0.05", "--no-coords")
    assert st1["step"] > 0 and not any(k.startswith("pos_in.") for k in st1["unet"])
    out2, st2 = _train(tmp_path, "--minutes", "0.1")
    assert f"resumed at step {st1['step']}" in out2 and "optimiser state restarted" in out2
    assert st2["step"] > st1["step"]
    assert st2["unet"]["pos_in.weight"].abs().sum() > 0  # the new input is being learnt
    with open(tmp_path / "logs" / "train_loss.csv") as f:
        assert f.readline().startswith("wall_min,step")


def test_no_coords_run_resumes_with_its_optimiser_state(tmp_path):
    _, st1 = _train(tmp_path, "--minutes", "0.05", "--no-coords")
    assert len(st1["opt"]["param_groups"]) == 1  # as in checkpoints from before the coordinate input
    out2, st2 = _train(tmp_path, "--minutes", "0.1", "--no-coords")
    assert f"resumed at step {st1['step']}" in out2 and "restarted" not in out2
    assert st2["step"] > st1["step"] and not any(k.startswith("pos_in.") for k in st2["unet"])
