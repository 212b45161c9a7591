import torch

from blobgen.diffusion import ALPHAS, T, min_snr_weight, q_sample, v_target


def test_min_snr_weighted_v_loss_is_capped_snr_times_x0_error():
    torch.manual_seed(0)
    t = torch.tensor([0, 50, 200, 500, 800, 999])
    x0, noise = torch.rand(6, 12, 4, 4) * 2 - 1, torch.randn(6, 12, 4, 4)
    pred = v_target(x0, t, noise) + 0.1 * torch.randn(6, 12, 4, 4)  # an imperfect model
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t][:, None, None, None]
    x0_hat = a.sqrt() * q_sample(x0, t, noise) - (1 - a).sqrt() * pred
    snr = (a / (1 - a)).flatten()
    v_loss = (pred - v_target(x0, t, noise)).pow(2).mean((1, 2, 3))
    x0_loss = (x0_hat - x0).pow(2).mean((1, 2, 3))
    weighted = min_snr_weight(t, 5.0) * v_loss
    torch.testing.assert_close(weighted, snr.clamp(max=5.0) * x0_loss, rtol=1e-3, atol=1e-7)


def test_min_snr_weight_shape_and_off_switch():
    t = torch.arange(0, T, 37)
    w = min_snr_weight(t, 5.0)
    assert w.shape == t.shape and torch.all(w > 0) and torch.all(w <= 5 / 6 + 1e-6)
    noisy = t > 900  # SNR < γ there: the weight is SNR/(SNR+1), i.e. the plain x0-weighted loss
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t[noisy]]
    torch.testing.assert_close(w[noisy], a, rtol=1e-5, atol=1e-7)
    torch.testing.assert_close(min_snr_weight(t, 0), torch.ones(len(t)))


def test_plus_one_variant_keeps_the_noisy_steps_full_v_loss_and_caps_the_clean_ones():
    t = torch.arange(0, T, 37)
    w = min_snr_weight(t, 5.0, plus_one=True)
    a = torch.tensor(ALPHAS, dtype=torch.float32)[t]
    snr = a / (1 - a)
    noisy, clean = snr + 1 <= 5, snr + 1 > 5
    assert noisy.any() and clean.any()
    torch.testing.assert_close(w[noisy], torch.ones(int(noisy.sum())))
    torch.testing.assert_close(w[clean], min_snr_weight(t, 5.0)[clean])  # the same cap where SNR ≥ γ
    assert torch.all(w >= min_snr_weight(t, 5.0))
