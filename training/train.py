"""Train BlobGEN-tiny on synthetic scenes. Seeded, time-bounded, resumable, logged.

    /usr/bin/python3 training/train.py --minutes 100 --out training/checkpoints

Batch k always uses scene seeds [k·B, (k+1)·B), so a resumed run sees the same data stream.
Logs: <out>/../logs/train_loss.csv (wall time, step, loss, samples/s) and eval.csv (quick
held-out eval of the EMA model every --eval-every minutes).
"""
import argparse
import copy
import csv
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen import data  # noqa: E402
from blobgen.conditioning import Conditioner, biases, encode_batch  # noqa: E402
from blobgen.diffusion import T, min_snr_weight, q_sample, v_target  # noqa: E402
from blobgen.latent import space_to_depth  # noqa: E402
from blobgen.metrics import evaluate_images  # noqa: E402
from blobgen.model import POS_INIT_STD, TOKEN_INIT_SCALE, BlobUNet, TextEncoder  # noqa: E402
from blobgen.sampling import sample  # noqa: E402
from blobgen.tokenizer import default_tokenizer  # noqa: E402

CFG_DROP = 0.1
POS_LR_MULT = 10.0


class SceneBatches(torch.utils.data.IterableDataset):
    """Renders batches in a worker process so the trainer's thread only does torch work."""

    def __init__(self, batch, start_step):
        self.batch, self.start = batch, start_step

    def __iter__(self):
        cond = Conditioner(default_tokenizer())
        k = self.start
        while True:
            items, imgs = [], []
            for seed in range(k * self.batch, (k + 1) * self.batch):
                scene = data.sample_scene(seed)
                drop = np.random.default_rng([seed, 7]).random() < CFG_DROP
                items.append(cond.scene_arrays(scene, drop=drop))
                imgs.append(data.render(scene))
            b = Conditioner.collate(items)
            b["image"] = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).contiguous()
            b["step"] = k
            yield b
            k += 1


def build_models(vocab_size, token_init_scale=TOKEN_INIT_SCALE):
    return TextEncoder(vocab_size, token_init_scale=token_init_scale), BlobUNet()


def quick_eval(te, unet, n=16, steps=20, guidance=2.0):
    cond = Conditioner(default_tokenizer())
    scenes = [data.sample_scene(10_000_000 + i, heldout=True) for i in range(n)]
    imgs = sample(te, unet, cond, scenes, [1000 + i for i in range(n)], steps=steps, guidance=guidance)
    return evaluate_images(scenes, imgs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=100)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "checkpoints"))
    ap.add_argument("--logs", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "logs"))
    ap.add_argument("--save-every", type=float, default=5, help="minutes")
    ap.add_argument("--eval-every", type=float, default=10, help="minutes (0: never)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-snr-gamma", type=float, default=5,
                    help="Min-SNR-γ loss weighting on the v-loss (0: plain v-loss)")
    ap.add_argument("--min-snr-plus-one", action="store_true",
                    help="cap SNR + 1 instead of SNR: the noisy steps keep their full v-loss (diffusion.py)")
    ap.add_argument("--plus-one-from", type=float, default=0,
                    help="minutes of training before --min-snr-plus-one takes effect")
    ap.add_argument("--cooldown", type=float, default=0, help="minutes of linear lr decay at the end")
    ap.add_argument("--no-coords", action="store_true",
                    help="keep the UNet's coordinate input at zero and out of the checkpoint (the previous "
                         "pack's run, trained before that input existed)")
    ap.add_argument("--token-init-scale", type=float, default=TOKEN_INIT_SCALE,
                    help="scale of the text encoder's N(0, 1) token embeddings at initialisation (1: the "
                         "previous pack's run, at which word order is lost)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.logs, exist_ok=True)
    torch.manual_seed(args.seed)

    tok = default_tokenizer()
    te, unet = build_models(len(tok.vocab), args.token_init_scale)
    if args.no_coords:
        with torch.no_grad():
            unet.pos_in.weight.zero_()
        unet.pos_in.requires_grad_(False)
    params = [p for p in list(te.parameters()) + list(unet.parameters()) if p.requires_grad]
    # the coordinate input learns faster: its signal must grow before anything downstream uses it
    pos = [p for n, p in unet.named_parameters() if n.startswith("pos_in.") and p.requires_grad]
    rest = [p for p in params if not any(p is q for q in pos)]
    # no empty group under --no-coords: checkpoints from before the coordinate input had one group
    groups = [dict(params=rest, lr_mult=1.0)] + ([dict(params=pos, lr_mult=POS_LR_MULT)] if pos else [])
    opt = torch.optim.AdamW(groups, lr=args.lr, weight_decay=0.01)
    ema_te, ema_unet = copy.deepcopy(te), copy.deepcopy(unet)
    step, wall, warm_from = 0, 0.0, 0
    ckpt = os.path.join(args.out, "last.pt")
    if os.path.exists(ckpt):  # resume: models, EMA, optimiser, step, wall clock, RNG
        st = torch.load(ckpt)
        te.load_state_dict(st["te"]); ema_te.load_state_dict(st["ema_te"])
        added = unet.load_trained(st["unet"]); ema_unet.load_trained(st["ema_unet"])
        step, wall = st["step"], st["wall"]
        if added and not args.no_coords:  # a checkpoint from before the model grew: Adam's moments restart, with a warm-up
            warm_from = step
            with torch.no_grad():
                unet.pos_in.weight.normal_(0, POS_INIT_STD)
                ema_unet.pos_in.weight.copy_(unet.pos_in.weight)
            print(f"new parameters {added} start small and random; optimiser state restarted", flush=True)
        else:
            opt.load_state_dict(st["opt"])
        torch.set_rng_state(st["rng"])
        print(f"resumed at step {step}, {wall / 60:.1f} min", flush=True)
    ema_params = [p for p in list(ema_te.parameters()) + list(ema_unet.parameters()) if p.requires_grad]

    def unet_state(m):
        return {k: v for k, v in m.state_dict().items() if not (args.no_coords and k.startswith("pos_in."))}

    def save():
        torch.save(dict(te=te.state_dict(), unet=unet_state(unet), ema_te=ema_te.state_dict(),
                        ema_unet=unet_state(ema_unet), opt=opt.state_dict(), step=step, wall=wall,
                        rng=torch.get_rng_state(), vocab=tok.vocab, args=vars(args)), ckpt + ".tmp")
        os.replace(ckpt + ".tmp", ckpt)

    loader = torch.utils.data.DataLoader(SceneBatches(args.batch, step), batch_size=None, num_workers=1,
                                         prefetch_factor=4)
    loss_f = open(os.path.join(args.logs, "train_loss.csv"), "a")
    eval_f = open(os.path.join(args.logs, "eval.csv"), "a")
    lw, ew = csv.writer(loss_f), csv.writer(eval_f)
    if step == 0:
        lw.writerow(["wall_min", "step", "samples", "loss", "samples_per_s"])
        ew.writerow(["wall_min", "step", "colour", "colour_blobs_gt50", "background", "miou"])
    t_last = time.time()
    last_save, last_eval = wall, wall
    run_avg, n_avg, t_win, s_win = 0.0, 0, time.time(), 0
    for batch in loader:
        assert batch["step"] == step
        x0 = space_to_depth(batch["image"])
        t = torch.randint(0, T, (x0.shape[0],))
        noise = torch.randn_like(x0)
        cond = encode_batch(te, batch)
        pred = unet(q_sample(x0, t, noise), t.float(), cond, *biases(batch))
        per_sample = (pred - v_target(x0, t, noise)).pow(2).mean((1, 2, 3))
        plus_one = args.min_snr_plus_one and wall >= args.plus_one_from * 60
        loss = (min_snr_weight(t, args.min_snr_gamma, plus_one) * per_sample).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        # short warm-up, constant, then a linear cool-down over the last --cooldown minutes
        # (wall clock), which removes most of the residual sample noise of a constant-lr run
        cool = min(1.0, max(0.05, (args.minutes * 60 - wall) / max(1e-9, args.cooldown * 60)))
        for g in opt.param_groups:
            g["lr"] = args.lr * g["lr_mult"] * min(1.0, (step + 1 - warm_from) / 300) * cool
        opt.step()
        decay = min(0.999, (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, p in zip(ema_params, params):
                pe.mul_(decay).add_(p.detach(), alpha=1 - decay)
        step += 1
        now = time.time()
        wall += now - t_last
        t_last = now
        run_avg += loss.item(); n_avg += 1; s_win += x0.shape[0]
        if n_avg == 25:
            sps = s_win / (now - t_win)
            lw.writerow([f"{wall / 60:.3f}", step, step * args.batch, f"{run_avg / n_avg:.5f}", f"{sps:.1f}"])
            loss_f.flush()
            print(f"{wall / 60:6.1f} min step {step} loss {run_avg / n_avg:.4f} {sps:.1f} samples/s", flush=True)
            run_avg, n_avg, t_win, s_win = 0.0, 0, now, 0
        done = wall >= args.minutes * 60
        if wall - last_save >= args.save_every * 60 or done:
            save()
            last_save = wall
        if args.eval_every > 0 and (wall - last_eval >= args.eval_every * 60 or done):
            t0 = time.time()
            m = quick_eval(ema_te, ema_unet)
            ew.writerow([f"{wall / 60:.3f}", step, f"{m['colour']:.4f}", f"{m['colour_blobs_gt50']:.4f}",
                         f"{m['background']:.4f}", f"{m['miou']:.4f}"])
            eval_f.flush()
            print(f"eval at {wall / 60:.1f} min: {m} ({time.time() - t0:.0f} s, not counted)", flush=True)
            last_eval = wall
            t_last = time.time()  # eval time is not training time
        if done:
            break
    print(f"done: {step} steps, {wall / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
