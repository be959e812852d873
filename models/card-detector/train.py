#!/usr/bin/env python3
"""MediQ card detector: a small single-stage YOLO-style detector (KTP / SIM / OTHER card),
trained on CPU with Debian's torch on synthetic photos from scripts/ocr-data/generate_cards.py.

Developer step only (never part of npm start or CI). Recipe used for the committed model:

  nice -n 10 /usr/bin/python3 models/card-detector/train.py gen   --out /tmp/cd-cache --count 9000 --seed 100 --workers 2
  nice -n 10 /usr/bin/python3 models/card-detector/train.py train --cache /tmp/cd-cache --epochs 6 --threads 2 --ckpt /tmp/cd.pt --max-minutes 40
  /usr/bin/python3 models/card-detector/export.py --ckpt /tmp/cd.pt --out models/card-detector/card-detector.onnx

Model input : 1x3x320x320 float32 RGB in [0,1], letterboxed to the TOP-LEFT corner
              (scale = 320 / max(w, h); resized image at (0,0); the rest padded with 114/255).
Model output: see export.py / models/README.md ("detections", 1x400x16, decoded in the graph).
"""
import argparse
import io
import math
import os
import random
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts", "ocr-data"))

S = 320          # input size
STRIDE = 16
G = S // STRIDE  # 20x20 grid
CLASSES = ["KTP", "SIM", "OTHER"]
PAD = 114

# ----------------------------------------------------------------------------- data


def letterbox(img_rgb_u8):
    """HxWx3 uint8 -> (320x320x3 uint8, scale). Top-left placement, pad 114. Area resampling."""
    import cv2
    h, w = img_rgb_u8.shape[:2]
    s = S / max(w, h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    r = cv2.resize(img_rgb_u8, (nw, nh), interpolation=cv2.INTER_AREA)
    out = np.full((S, S, 3), PAD, np.uint8)
    out[:nh, :nw] = r
    return out, s


def _gen_shard(args):
    out, seed, start, count, max_side = args
    import generate_cards as g
    from PIL import Image, ImageOps
    areas = g.load_areas()
    imgs = np.zeros((count, S, S, 3), np.uint8)
    targets = []
    for i in range(count):
        idx = start + i
        rng = random.Random(seed * 1000003 + idx)
        img, gt, save = g.make_sample(rng, areas, {"max_side": max_side})
        data, ext, gt = g.encode(img, gt, save)
        # decode exactly like the service: bytes -> EXIF-applied RGB
        im = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
        arr = np.asarray(im)
        lb, s = letterbox(arr)
        imgs[i] = lb
        objs = []
        if gt["corners"] is not None:
            objs.append((CLASSES.index(gt["cardType"]), np.array(gt["corners"], np.float32) * s))
        for o in gt.get("otherCards", []):
            objs.append((CLASSES.index(o["cardType"]), np.array(o["corners"], np.float32) * s))
        targets.append(objs)
    cls = np.full((count, 3), -1, np.int64)
    cor = np.zeros((count, 3, 4, 2), np.float32)
    for i, objs in enumerate(targets):
        for j, (c, q) in enumerate(objs[:3]):
            cls[i, j] = c
            cor[i, j] = q
    fn = os.path.join(out, "shard_%07d.npz" % start)
    np.savez(fn, imgs=imgs, cls=cls, corners=cor)
    return fn


def cmd_gen(a):
    os.makedirs(a.out, exist_ok=True)
    shard = 250
    jobs = [(a.out, a.seed, a.start + k, min(shard, a.count - (k - 0)), a.max_side) for k in range(0, a.count, shard)]
    jobs = [(o, sd, st, min(shard, a.start + a.count - st), ms) for (o, sd, st, _, ms) in jobs]
    t = time.time()
    if a.workers > 1:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(a.workers) as pool:
            for fn in pool.imap_unordered(_gen_shard, jobs):
                print(fn, "%.0fs" % (time.time() - t), flush=True)
    else:
        for j in jobs:
            print(_gen_shard(j), "%.0fs" % (time.time() - t), flush=True)


def load_cache(d):
    import glob
    fs = sorted(glob.glob(os.path.join(d, "shard_*.npz")))
    imgs, cls, cor = [], [], []
    for f in fs:
        z = np.load(f)
        imgs.append(z["imgs"]); cls.append(z["cls"]); cor.append(z["corners"])
    return np.concatenate(imgs), np.concatenate(cls), np.concatenate(cor)

# ----------------------------------------------------------------------------- model


def build_model():
    import torch
    import torch.nn as nn

    def cbr(i, o, s=1, d=1):
        return nn.Sequential(nn.Conv2d(i, o, 3, s, padding=d, dilation=d, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))

    class CardDet(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1 = cbr(3, 16, 2)                               # 160
            self.c2 = cbr(16, 24, 2)                              # 80
            self.c3 = nn.Sequential(cbr(24, 48, 2), cbr(48, 48))  # 40
            self.c4 = nn.Sequential(cbr(48, 96, 2), cbr(96, 96))  # 20
            self.c5 = nn.Sequential(cbr(96, 160, 2), cbr(160, 160), cbr(160, 160, d=2))  # 10
            self.lat = nn.Sequential(nn.Conv2d(160, 96, 1, bias=False), nn.BatchNorm2d(96))
            self.up = nn.Upsample(scale_factor=2, mode="nearest")
            self.fuse = nn.Sequential(cbr(96, 96), cbr(96, 96, d=2))
            self.head = nn.Conv2d(96, 16, 1)
            # global context for corner regression: pooled C5 broadcast onto the grid
            self.gctx = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(160, 96, 1), nn.ReLU(inplace=True))

        def forward(self, x):
            x = self.c2(self.c1(x))
            c3 = self.c3(x)
            c4 = self.c4(c3)
            c5 = self.c5(c4)
            p = self.fuse(c4 + self.up(self.lat(c5)) + self.gctx(c5))
            return self.head(p)  # N x 16 x G x G raw

    m = CardDet()
    with torch.no_grad():
        m.head.bias.zero_()
        m.head.bias[0] = -4.0  # objectness prior: most cells are background
    return m


def decode_raw(raw):
    """raw N x 16 x G x G -> N x G*G x 16 decoded (the same maths export.py bakes into ONNX).

    per cell: [x1, y1, x2, y2, score, pKTP, pSIM, pOTHER, TLx, TLy, TRx, TRy, BRx, BRy, BLx, BLy]
    coordinates in the 320x320 letterboxed input pixels.
    """
    import torch
    N = raw.shape[0]
    g = raw.shape[2]
    r = raw.permute(0, 2, 3, 1).reshape(N, g * g, 16)
    ys, xs = torch.meshgrid(torch.arange(g, dtype=torch.float32), torch.arange(g, dtype=torch.float32), indexing="ij")
    cx0 = ((xs.reshape(-1) + 0.5) * STRIDE)[None, :]
    cy0 = ((ys.reshape(-1) + 0.5) * STRIDE)[None, :]
    score = torch.sigmoid(r[..., 0])
    probs = torch.softmax(r[..., 1:4], dim=-1)
    bcx = cx0 + torch.tanh(r[..., 4]) * STRIDE * 1.5
    bcy = cy0 + torch.tanh(r[..., 5]) * STRIDE * 1.5
    bw = torch.sigmoid(r[..., 6]) * S * 1.25
    bh = torch.sigmoid(r[..., 7]) * S * 1.25
    corners = r[..., 8:16] * (S / 2)
    corners = corners + torch.stack([cx0, cy0] * 4, dim=-1)
    box = torch.stack([bcx - bw / 2, bcy - bh / 2, bcx + bw / 2, bcy + bh / 2], dim=-1)
    return torch.cat([box, score[..., None], probs, corners], dim=-1)

# ----------------------------------------------------------------------------- targets + loss


def build_targets(cls, cor):
    """cls: B x 3 (-1 none), cor: B x 3 x 4 x 2 (input px). Returns obj, cls_t, box_t, cor_t, pos mask."""
    B = cls.shape[0]
    obj = np.zeros((B, G * G), np.float32)
    clst = np.zeros((B, G * G), np.int64)
    boxt = np.zeros((B, G * G, 4), np.float32)
    cort = np.zeros((B, G * G, 8), np.float32)
    area = np.zeros((B, G * G), np.float32)
    import cv2
    for b in range(B):
        for j in range(cls.shape[1]):
            c = cls[b, j]
            if c < 0:
                continue
            q = cor[b, j]
            x1, y1 = q[:, 0].min(), q[:, 1].min()
            x2, y2 = q[:, 0].max(), q[:, 1].max()
            # centre of the quad (diagonal intersection ~ mean of corners)
            cx, cy = q[:, 0].mean(), q[:, 1].mean()
            gx, gy = int(np.clip(cx // STRIDE, 0, G - 1)), int(np.clip(cy // STRIDE, 0, G - 1))
            a = (x2 - x1) * (y2 - y1)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ix, iy = gx + dx, gy + dy
                    if not (0 <= ix < G and 0 <= iy < G):
                        continue
                    ccx, ccy = (ix + 0.5) * STRIDE, (iy + 0.5) * STRIDE
                    if (dx or dy) and cv2.pointPolygonTest(q.reshape(-1, 1, 2), (float(ccx), float(ccy)), False) < 0:
                        continue
                    k = iy * G + ix
                    if obj[b, k] > 0 and area[b, k] < a:  # smaller object keeps a contested cell
                        continue
                    obj[b, k] = 1
                    area[b, k] = a
                    clst[b, k] = c
                    boxt[b, k] = [x1, y1, x2, y2]
                    cort[b, k] = q.reshape(-1)
    return obj, clst, boxt, cort


def loss_fn(raw, obj, clst, boxt, cort):
    import torch
    import torch.nn.functional as F
    N = raw.shape[0]
    r = raw.permute(0, 2, 3, 1).reshape(N, G * G, 16)
    dec = decode_raw(raw)
    pos = obj > 0.5
    npos = max(1, int(pos.sum()))
    # objectness: focal-ish BCE, positives up-weighted
    lo = F.binary_cross_entropy_with_logits(r[..., 0], obj, reduction="none")
    w = torch.where(pos, torch.full_like(obj, 4.0), torch.ones_like(obj))
    l_obj = (lo * w).sum() / N / 8.0
    if pos.any():
        l_cls = F.cross_entropy(r[..., 1:4][pos], clst[pos])
        l_box = F.smooth_l1_loss(dec[..., 0:4][pos] / S, boxt[pos] / S, beta=0.02, reduction="sum") / npos
        l_cor = F.smooth_l1_loss(dec[..., 8:16][pos] / S, cort[pos] / S, beta=0.02, reduction="sum") / npos
    else:
        l_cls = l_box = l_cor = raw.sum() * 0
    total = l_obj + l_cls + 2.0 * l_box + 4.0 * l_cor
    return total, (float(l_obj), float(l_cls), float(l_box), float(l_cor))

# ----------------------------------------------------------------------------- train


def photometric(x, gen):
    """x: B x 3 x S x S float [0,1]; cheap per-sample jitter (padding is re-set afterwards)."""
    import torch
    B = x.shape[0]
    a = 1 + (torch.rand(B, 1, 1, 1, generator=gen) - 0.5) * 0.4
    b = (torch.rand(B, 1, 1, 1, generator=gen) - 0.5) * 0.16
    ch = 1 + (torch.rand(B, 3, 1, 1, generator=gen) - 0.5) * 0.1
    return (x * a * ch + b).clamp(0, 1)


def cmd_train(a):
    import torch
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    imgs, cls, cor = load_cache(a.cache)
    n = len(imgs)
    print("train samples", n, "objects", int((cls >= 0).sum()), flush=True)
    model = build_model()
    if a.init:
        model.load_state_dict(torch.load(a.init, map_location="cpu")["model"])
        print("initialised from", a.init, flush=True)
    print("params", sum(p.numel() for p in model.parameters()), flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    steps_per_epoch = n // a.batch
    total = a.steps or steps_per_epoch * a.epochs
    if a.sched == "onecycle":
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=total, pct_start=0.1)
    else:  # plain cosine decay from --lr to 0 (used to finish from a checkpoint)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda st: 0.5 * (1 + math.cos(math.pi * min(st, total) / total)))
    t0 = time.time()
    step = 0
    rs = np.random.RandomState(a.seed)
    for ep in range(a.epochs):
        model.train()
        perm = rs.permutation(n)
        agg = np.zeros(5)
        for k in range(steps_per_epoch):
            if step >= total:
                break
            idx = np.sort(perm[k * a.batch:(k + 1) * a.batch])
            x = torch.from_numpy(imgs[idx]).permute(0, 3, 1, 2).float() / 255.0
            x = photometric(x, gen)
            obj, clst, boxt, cort = build_targets(cls[idx], cor[idx])
            raw = model(x)
            loss, parts = loss_fn(raw, torch.from_numpy(obj), torch.from_numpy(clst), torch.from_numpy(boxt), torch.from_numpy(cort))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            sched.step()
            step += 1
            agg += np.array([float(loss)] + list(parts))
            if step % 50 == 0:
                m = agg / (k + 1)
                print("ep %d step %d/%d loss %.4f obj %.4f cls %.4f box %.4f cor %.4f  %.0fs" %
                      (ep, step, total, m[0], m[1], m[2], m[3], m[4], time.time() - t0), flush=True)
        torch.save({"model": model.state_dict(), "epoch": ep, "step": step, "elapsed": time.time() - t0}, a.ckpt)
        print("epoch %d done, %.0fs, saved %s" % (ep, time.time() - t0, a.ckpt), flush=True)
        if step >= total:
            break
        if a.max_minutes and (time.time() - t0) / 60 > a.max_minutes:
            print("time budget reached, stopping", flush=True)
            break
    print("training time %.1f min" % ((time.time() - t0) / 60), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = ap.add_subparsers(dest="cmd", required=True)
    g = sp.add_parser("gen")
    g.add_argument("--out", required=True)
    g.add_argument("--count", type=int, default=10000)
    g.add_argument("--seed", type=int, default=100)
    g.add_argument("--start", type=int, default=0)
    g.add_argument("--max-side", type=int, default=800)
    g.add_argument("--workers", type=int, default=2)
    t = sp.add_parser("train")
    t.add_argument("--cache", required=True)
    t.add_argument("--epochs", type=int, default=14)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--lr", type=float, default=3e-3)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--ckpt", default="/tmp/cd.pt")
    t.add_argument("--max-minutes", type=float, default=0)
    t.add_argument("--init", default=None, help="start from this checkpoint")
    t.add_argument("--sched", choices=["onecycle", "cos"], default="onecycle")
    t.add_argument("--steps", type=int, default=0, help="total optimiser steps (default: epochs * samples / batch)")
    a = ap.parse_args()
    {"gen": cmd_gen, "train": cmd_train}[a.cmd](a)


if __name__ == "__main__":
    main()
