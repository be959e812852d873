#!/usr/bin/env python3
"""Export the trained card detector to ONNX with the box/corner decoding baked into the graph.

  /usr/bin/python3 models/card-detector/export.py --ckpt /tmp/cd.pt --out models/card-detector/card-detector.onnx

Input  "images":     float32 [N, 3, 320, 320], RGB, values in [0, 1], top-left letterbox, pad 114/255.
Output "detections": float32 [N, 400, 16], one row per cell of the 20x20 grid (stride 16):
   0..3   x1, y1, x2, y2      box, in input (320x320) pixels
   4      score               objectness, sigmoid, 0..1
   5..7   pKTP, pSIM, pOTHER  class probabilities (softmax, sum to 1)
   8..15  TLx, TLy, TRx, TRy, BRx, BRy, BLx, BLy   card corners in input pixels,
          ordered as the card's text reads (top-left first, clockwise)
Neighbouring cells predict the same card: keep score >= threshold, then NMS (see models/README.md).
"""
import argparse
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train as T  # noqa: E402


class Wrapped(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, images):
        return T.decode_raw(self.m(images))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--opset", type=int, default=13)
    a = ap.parse_args()
    m = T.build_model()
    ck = torch.load(a.ckpt, map_location="cpu")
    m.load_state_dict(ck["model"])
    m.eval()
    w = Wrapped(m).eval()
    x = torch.rand(1, 3, T.S, T.S)
    with torch.no_grad():
        ref = w(x)
    torch.onnx.export(w, x, a.out, input_names=["images"], output_names=["detections"],
                      dynamic_axes={"images": {0: "batch"}, "detections": {0: "batch"}},
                      opset_version=a.opset, do_constant_folding=True)
    import onnx
    mo = onnx.load(a.out)
    onnx.checker.check_model(mo)
    mo.doc_string = "MediQ card detector (KTP/SIM/OTHER), synthetic-data trained; see models/README.md"
    mo.producer_name = "mediq-card-detector"
    mo.graph.doc_string = "images: [N,3,320,320] RGB 0..1 top-left letterbox pad 114/255 -> detections: [N,400,16]"
    onnx.save(mo, a.out)
    print("wrote", a.out, os.path.getsize(a.out), "bytes; opset", a.opset, "epoch", ck.get("epoch"))
    try:  # optional cross-check when python3-onnxruntime happens to be installed
        import onnxruntime as ort
        out = ort.InferenceSession(a.out).run(None, {"images": x.numpy()})[0]
        print("max |onnx - torch|", float(abs(out - ref.numpy()).max()))
    except ImportError:
        pass

if __name__ == "__main__":
    main()
