"""The UNet's coordinate input: old checkpoints load unchanged, mismatches are refused."""
import pytest
import torch

from blobgen.model import BlobUNet, coordinate_grid


def _inputs(b=2):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(b, 12, 32, 32, generator=g)
    cond = torch.randn(b, 7 * 16, 128, generator=g)
    bias = [torch.zeros(b, r * r, 7 * 16) for r in (32, 16, 8)]
    return x, torch.full((b,), 500.0), cond, *bias


def test_coordinate_grid_is_pixel_centres_y_down():
    g = coordinate_grid(4)
    assert g.shape == (1, 2, 4, 4)
    assert torch.allclose(g[0, 0, :, 0], torch.tensor([-0.75, -0.25, 0.25, 0.75]))  # y grows downwards
    assert torch.allclose(g[0, 1, 0, :], torch.tensor([-0.75, -0.25, 0.25, 0.75]))


def test_checkpoint_without_coordinate_input_loads_with_the_same_function():
    torch.manual_seed(0)
    trained = BlobUNet().eval()
    with torch.no_grad():  # a model from before the coordinate input: as if its pos_in were zero
        trained.pos_in.weight.zero_()
    old_state = {k: v for k, v in trained.state_dict().items() if not k.startswith("pos_in.")}
    fresh = BlobUNet().eval()
    with torch.no_grad():
        fresh.pos_in.weight.fill_(1.0)  # must be reset to zero by the load, not kept
    assert fresh.load_trained(old_state) == ["pos_in.weight", "pos_in.bias"]
    assert fresh.pos_in.weight.abs().sum() == 0
    with torch.no_grad():
        assert torch.equal(fresh(*_inputs()), trained(*_inputs()))


def test_mismatched_checkpoint_is_refused():
    state = BlobUNet().state_dict()
    del state["conv_in.weight"]
    with pytest.raises(RuntimeError, match="conv_in.weight"):
        BlobUNet().load_trained(state)
