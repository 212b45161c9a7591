"""training/logs/curves.png from train_loss.csv and eval.csv (PIL only; no matplotlib here)."""
import csv
import os

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    with open(path) as f:
        return [r for r in csv.DictReader(f) if r.get("wall_min") not in (None, "wall_min")]


def panel(d, box, xs, series, title, ymin, ymax):
    x0, y0, x1, y1 = box
    d.rectangle(box, outline=(0, 0, 0))
    d.text((x0 + 5, y0 + 5), title, fill=(0, 0, 0))
    xmax = max(max(xs), 1e-6)
    for frac in (0.25, 0.5, 0.75):
        yy = y1 - frac * (y1 - y0)
        d.line([(x0, yy), (x1, yy)], fill=(220, 220, 220))
        d.text((x0 + 2, yy - 10), f"{ymin + frac * (ymax - ymin):.2f}", fill=(120, 120, 120))
    d.text((x1 - 90, y1 - 14), f"{xmax:.0f} min (wall)", fill=(80, 80, 80))
    for k, (name, ys, col) in enumerate(series):
        pts = [(x0 + (x / xmax) * (x1 - x0), y1 - (min(max(y, ymin), ymax) - ymin) / (ymax - ymin) * (y1 - y0))
               for x, y in zip(xs, ys)]
        if len(pts) > 1:
            d.line(pts, fill=col, width=2)
        d.text((x1 - 160, y0 + 19 + 14 * k), name, fill=col)  # below the title


def main():
    loss = read(os.path.join(HERE, "logs", "train_loss.csv"))
    ev = read(os.path.join(HERE, "logs", "eval.csv"))
    img = Image.new("RGB", (900, 360), (255, 255, 255))
    d = ImageDraw.Draw(img)
    xs = [float(r["wall_min"]) for r in loss]
    ys = [float(r["loss"]) for r in loss]
    panel(d, (10, 10, 440, 350), xs, [("train loss (weighted v-loss)", ys, (200, 30, 30))], "loss", 0, max(ys + [0.1]))
    ex = [float(r["wall_min"]) for r in ev]
    panel(d, (460, 10, 890, 350), ex, [("colour acc", [float(r["colour"]) for r in ev], (30, 30, 200)),
                                       ("background acc", [float(r["background"]) for r in ev], (30, 150, 30)),
                                       ("mIoU", [float(r["miou"]) for r in ev], (200, 120, 0))],
          "quick eval (16 validation layouts, held-out templates, DDIM 2.0)", 0, 1)
    img.save(os.path.join(HERE, "logs", "curves.png"))


if __name__ == "__main__":
    main()
