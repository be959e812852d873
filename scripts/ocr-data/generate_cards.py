#!/usr/bin/env python3
"""Synthetic KTP / SIM / other-card photo generator for MediQ's OCR engine.

Renders KTP-like and SIM-like cards with fake but valid-looking data and puts
them into "ugly" phone photos and flat scans, plus negatives. For every image it
writes a JSON file with the ground truth (see scripts/ocr-data/README.md).

Developer tool only (never run by `npm start` or CI). Use Debian's Python:
    /usr/bin/python3 scripts/ocr-data/generate_cards.py --out /tmp/cards --count 50 --seed 1

Deterministic given --seed (same seed, same count, same options -> same bytes).
Dependencies (Debian): python3-pil python3-numpy python3-opencv, fonts-dejavu-core
fonts-liberation fonts-freefont-ttf fonts-ocr-b fonts-open-sans.
Region names/codes come from the npm package idn-area-data (CSV, data ODbL) read
from node_modules at run time; nothing of it is copied into the repository.
"""
import argparse
import csv
import io
import json
import math
import os
import random
import re
import sys

import numpy as np
import cv2
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))

CARD_W, CARD_H = 1000, 631  # ID-1 85.6 x 54 mm at ~297 dpi
CORNER_RADIUS = 36           # 3.18 mm

FIELD_KEYS = ["provinsi", "kabupatenKota", "nik", "nama", "tempatLahir", "tanggalLahir",
              "jenisKelamin", "golonganDarah", "alamat", "rtRw", "kelurahanDesa", "kecamatan",
              "agama", "statusPerkawinan", "pekerjaan", "kewarganegaraan", "berlakuHingga"]

# ----------------------------------------------------------------------------- fonts
FONT_DIRS = ["/usr/share/fonts/truetype", "/usr/share/fonts/opentype"]


def _font_path(*cands):
    for c in cands:
        for d in FONT_DIRS:
            p = os.path.join(d, c)
            if os.path.exists(p):
                return p
    return None


SANS_REG = [p for p in [
    _font_path("liberation/LiberationSans-Regular.ttf"),
    _font_path("dejavu/DejaVuSans.ttf"),
    _font_path("freefont/FreeSans.ttf"),
    _font_path("open-sans/OpenSans-Regular.ttf"),
] if p]
SANS_BOLD = [p for p in [
    _font_path("liberation/LiberationSans-Bold.ttf"),
    _font_path("dejavu/DejaVuSans-Bold.ttf"),
    _font_path("freefont/FreeSansBold.ttf"),
    _font_path("open-sans/OpenSans-Semibold.ttf"),
    _font_path("open-sans/OpenSans-Bold.ttf"),
    _font_path("liberation/LiberationSansNarrow-Bold.ttf"),
] if p]
OCRB = [p for p in [_font_path("ocr-b/OCRB.otf"), _font_path("ocr-b/OCRBS.otf")] if p]
MONO = [p for p in [_font_path("dejavu/DejaVuSansMono-Bold.ttf"), _font_path("liberation/LiberationMono-Bold.ttf")] if p]
SERIF = [p for p in [_font_path("liberation/LiberationSerif-Regular.ttf"), _font_path("dejavu/DejaVuSerif.ttf")] if p]
if not SANS_REG or not SANS_BOLD:
    sys.exit("no fonts found: apt-get install fonts-dejavu-core fonts-liberation fonts-freefont-ttf")
if not OCRB:
    OCRB = MONO or SANS_BOLD

_FONT_CACHE = {}


def font(path, size):
    k = (path, int(size))
    f = _FONT_CACHE.get(k)
    if f is None:
        f = ImageFont.truetype(path, int(size))
        _FONT_CACHE[k] = f
    return f


def text_w(draw, s, f):
    return draw.textlength(s, font=f)

# ----------------------------------------------------------------------------- region data


def _load_areas(area_dir):
    prov, reg, dist, vill = {}, {}, {}, {}
    try:
        with open(os.path.join(area_dir, "provinces.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                prov[r["code"]] = r["name"].upper()
        with open(os.path.join(area_dir, "regencies.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                reg.setdefault(r["province_code"], []).append((r["code"], r["name"].upper()))
        with open(os.path.join(area_dir, "districts.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                dist.setdefault(r["regency_code"], []).append((r["code"], r["name"].upper()))
        with open(os.path.join(area_dir, "villages.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                vill.setdefault(r["district_code"], []).append(r["name"].upper())
    except FileNotFoundError:
        return None
    return prov, reg, dist, vill


FALLBACK_AREAS = (
    {"32": "JAWA BARAT", "31": "DKI JAKARTA", "35": "JAWA TIMUR"},
    {"32": [("32.05", "KABUPATEN GARUT"), ("32.73", "KOTA BANDUNG")],
     "31": [("31.74", "KOTA ADMINISTRASI JAKARTA SELATAN")],
     "35": [("35.78", "KOTA SURABAYA")]},
    {"32.05": [("32.05.01", "GARUT KOTA"), ("32.05.07", "TAROGONG KIDUL")],
     "32.73": [("32.73.01", "SUKASARI"), ("32.73.08", "COBLONG")],
     "31.74": [("31.74.01", "TEBET"), ("31.74.06", "KEBAYORAN BARU")],
     "35.78": [("35.78.01", "KARANG PILANG"), ("35.78.09", "GUBENG")]},
    {},
)
# rough population weights so that Java dominates, as in real clinic traffic
PROV_WEIGHT = {"31": 6, "32": 14, "33": 10, "34": 3, "35": 11, "36": 5, "12": 4, "51": 2, "73": 3, "16": 2,
               "13": 2, "18": 2, "64": 1.5, "61": 1.5, "11": 1.5, "52": 1.5, "53": 1.5, "71": 1}

# ----------------------------------------------------------------------------- vocabularies
FIRST_M = ["AHMAD", "MUHAMMAD", "BUDI", "AGUS", "DEDI", "EKO", "HENDRA", "IWAN", "JOKO", "RUDI", "SUTRISNO",
           "BAMBANG", "ADE", "ASEP", "DADANG", "UJANG", "YUSUF", "RIYANTO", "ANDI", "FAJAR", "RIZKY", "DIMAS",
           "WAYAN", "MADE", "KETUT", "I GEDE", "SLAMET", "SUPRIYADI", "HERMAN", "TAUFIK", "IMAM", "ARIF",
           "BAYU", "YOGA", "GALIH", "NANANG", "KARTONO", "SAPRUDIN", "ABDUL", "RAHMAT", "HASAN", "FIRMAN"]
FIRST_F = ["SITI", "SRI", "DEWI", "NUR", "RINA", "YULI", "ENDANG", "WATI", "LINA", "FITRI", "AYU", "INDAH",
           "PUTRI", "NENG", "EUIS", "KOMANG", "NI LUH", "RATNA", "SUSI", "TUTI", "WULAN", "ANISA", "DIAN",
           "MEGA", "NOVI", "RATIH", "YANTI", "LESTARI", "HALIMAH", "AMINAH", "KARTINI", "LILIS", "NURUL"]
LAST = ["SAPUTRA", "SETIAWAN", "HIDAYAT", "NURJANAH", "RAHAYU", "WIJAYA", "KURNIAWAN", "PRATAMA", "SANTOSO",
        "GUNAWAN", "SUHENDRA", "SUPRIATNA", "MULYANI", "HANDAYANI", "LESTARI", "PURNAMASARI", "SUSANTO",
        "HARAHAP", "SIREGAR", "NASUTION", "SIMANJUNTAK", "PANJAITAN", "LUBIS", "TAMBUNAN", "WAHYUDI",
        "FIRMANSYAH", "RAMADHAN", "MAULANA", "KUSUMA", "ANGGRAENI", "SARI", "UTAMI", "PERMANA", "SUTISNA",
        "ROHMAN", "HASIBUAN", "PANGARIBUAN", "WIBOWO", "HARTONO", "SUDRAJAT"]
DEGREES = [". SE", ", S.PD", ", S.KOM", ". SH", ", AMD", ", S.KEP", ", DR"]
STREETS = ["IMAM BONJOL", "SUDIRMAN", "AHMAD YANI", "DIPONEGORO", "GATOT SUBROTO", "MERDEKA", "SILIWANGI",
           "PAJAJARAN", "CIKURAY", "PAHLAWAN", "KARTINI", "RAYA BOGOR", "MANGGA DUA", "PEMUDA", "VETERAN",
           "CEMPAKA PUTIH", "MELATI", "KENANGA", "HAYAM WURUK", "GAJAH MADA", "CIPTO MANGUNKUSUMO"]
KAMPUNG = ["CIOJAR", "SUKAMAJU", "CIBEUREUM", "BABAKAN", "PASIRJAMBU", "LEUWIGAJAH", "CIKONENG", "KRAJAN",
           "SUKARAME", "NANGGELENG", "CITAPEN", "TEGALSARI", "KEBONJERUK", "MEKARSARI"]
AGAMA = [("ISLAM", 80), ("KRISTEN", 7), ("KATOLIK", 3), ("HINDU", 2), ("BUDHA", 1), ("BUDDHA", 0.5),
         ("KHONGHUCU", 0.2), ("KONGHUCU", 0.1), ("KEPERCAYAAN TERHADAP TUHAN YME", 0.3)]
STATUS = [("BELUM KAWIN", 30), ("KAWIN", 55), ("CERAI HIDUP", 6), ("CERAI MATI", 6)]
PEKERJAAN = ["BELUM/TIDAK BEKERJA", "PELAJAR/MAHASISWA", "KARYAWAN SWASTA", "WIRASWASTA",
             "MENGURUS RUMAH TANGGA", "PETANI/PEKEBUN", "PEGAWAI NEGERI SIPIL (PNS)", "BURUH HARIAN LEPAS",
             "PEDAGANG", "GURU", "NELAYAN/PERIKANAN", "PENSIUNAN", "SOPIR", "PERAWAT", "KARYAWAN HONORER",
             "TENTARA NASIONAL INDONESIA (TNI)", "KEPOLISIAN RI (POLRI)", "BURUH TANI/PERKEBUNAN", "DOSEN"]
GOLDAR = [("-", 45), ("O", 18), ("A", 15), ("B", 15), ("AB", 7)]
FOREIGN_FIRST_M = ["JOHN", "DAVID", "KENJI", "HIROSHI", "MICHAEL", "PETER", "THOMAS", "MIN-JUN", "PIETER", "JAMES"]
FOREIGN_FIRST_F = ["MARY", "SARAH", "YUKI", "ANNA", "EMMA", "JI-WOO", "SOPHIE", "LAURA"]
FOREIGN_LAST = ["SMITH", "TANAKA", "JOHNSON", "VAN DER BERG", "KIM", "MULLER", "WILLIAMS", "SATO", "BROWN"]
COUNTRIES = ["JAPAN", "AUSTRALIA", "NETHERLANDS", "UNITED STATES", "SOUTH KOREA", "GERMANY", "UNITED KINGDOM",
             "MALAYSIA", "INDIA", "PHILIPPINES"]
FOREIGN_PLACES = ["TOKYO", "SYDNEY", "AMSTERDAM", "NEW YORK", "SEOUL", "BERLIN", "LONDON", "KUALA LUMPUR"]


def wchoice(rng, items):
    tot = sum(w for _, w in items)
    x = rng.random() * tot
    for v, w in items:
        x -= w
        if x <= 0:
            return v
    return items[-1][0]


def fmt_date(d, m, y):
    return "%02d-%02d-%04d" % (d, m, y)


def days_in_month(m, y):
    return [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def short_regency(name):
    for p in ("KABUPATEN ADMINISTRASI ", "KOTA ADMINISTRASI ", "KABUPATEN ", "KOTA "):
        if name.startswith(p):
            return name[len(p):]
    return name


class Identity:
    pass


def make_identity(rng, areas, foreign=False, nik_mismatch=False):
    prov, reg, dist, vill = areas
    codes = [c for c in prov if c in reg]
    weights = [PROV_WEIGHT.get(c, 0.6) for c in codes]
    pcode = rng.choices(codes, weights)[0]
    rcode, rname = rng.choice(reg[pcode])
    dlist = dist.get(rcode) or [(rcode + ".01", short_regency(rname))]
    dcode, dname = rng.choice(dlist)
    vlist = vill.get(dcode) or [dname]
    vname = rng.choice(vlist)

    it = Identity()
    it.foreign = foreign
    female = rng.random() < 0.5
    it.female = female
    y = rng.randint(1940, 2008)
    m = rng.randint(1, 12)
    d = rng.randint(1, days_in_month(m, y))
    it.birth = (d, m, y)
    # the NIK date part: normally the birth date; ~10% a placeholder / older date
    nd, nm, ny = d, m, y
    if nik_mismatch:
        kind = rng.random()
        if kind < 0.6:
            nd, nm = 1, 7          # the classic 01-07 placeholder
        elif kind < 0.8:
            nd, nm = 1, 1
        elif kind < 0.9:
            nd, nm = 31, 12
        else:
            ny = y + rng.choice([-1, 1])
            nd = min(d, days_in_month(m, ny))
        if (nd, nm, ny) == (d, m, y):
            nd = 1 if d != 1 else 2
            nm = 7 if m != 7 else 1
    it.nik_date_matches = (nd, nm, ny) == (d, m, y)
    serial = rng.choice([rng.randint(1, 30), rng.randint(1, 400), rng.randint(1, 9999)])
    it.nik = dcode.replace(".", "") + "%02d%02d%02d" % (nd + (40 if female else 0), nm, ny % 100) + "%04d" % serial
    assert len(it.nik) == 16, it.nik

    it.provinsi = prov[pcode]
    # header as printed: DKI prints the city without "KOTA ADMINISTRASI"
    if pcode == "31":
        it.kabkota = short_regency(rname)
    else:
        it.kabkota = rname.replace("KABUPATEN ADMINISTRASI", "KABUPATEN")
    it.issue_city = short_regency(rname)
    it.kecamatan = dname
    it.keldesa = vname
    if foreign:
        it.nama = rng.choice(FOREIGN_FIRST_F if female else FOREIGN_FIRST_M) + " " + rng.choice(FOREIGN_LAST)
        it.tempat = rng.choice(FOREIGN_PLACES)
        it.jk = "FEMALE" if female else "MALE"
        it.agama = rng.choice(["CHRISTIAN", "CATHOLIC", "MOSLEM", "BUDDHIST", "HINDU"])
        it.status = rng.choice(["MARRIED", "SINGLE", "MARRIED", "DIVORCED"])
        it.pekerjaan = rng.choice(["OTHERS", "PRIVATE EMPLOYEE", "OTHERS", "ENTREPRENEUR"])
        it.warga = rng.choice(COUNTRIES)
    else:
        if female:
            parts = [rng.choice(FIRST_F)]
        else:
            parts = [rng.choice(FIRST_M)]
        r = rng.random()
        if r < 0.75:
            parts.append(rng.choice(LAST))
        if r < 0.25:
            parts.insert(1, rng.choice(LAST if rng.random() < 0.5 else (FIRST_F if female else FIRST_M)))
        nama = " ".join(parts)
        if rng.random() < 0.06:
            nama += rng.choice(DEGREES)
        it.nama = nama
        it.tempat = short_regency(rng.choice(reg[pcode])[1]) if rng.random() < 0.8 else short_regency(
            rng.choice(reg[rng.choice(codes)])[1])
        it.jk = "PEREMPUAN" if female else "LAKI-LAKI"
        it.agama = wchoice(rng, AGAMA)
        age = 2025 - y
        it.status = "BELUM KAWIN" if age < 19 else wchoice(rng, STATUS)
        it.pekerjaan = "PELAJAR/MAHASISWA" if age < 19 and rng.random() < 0.8 else rng.choice(PEKERJAAN)
        if female and rng.random() < 0.3 and age >= 19:
            it.pekerjaan = "MENGURUS RUMAH TANGGA"
        it.warga = "WNI"
    it.goldar = wchoice(rng, GOLDAR)
    # address
    r = rng.random()
    if r < 0.35:
        al = "JL. " + rng.choice(STREETS)
        if rng.random() < 0.7:
            al += " NO. " + str(rng.randint(1, 250)) + (rng.choice(["", "", "A", "B"]))
    elif r < 0.6:
        al = "KP. " + rng.choice(KAMPUNG)
    elif r < 0.72:
        al = "DUSUN " + rng.choice(KAMPUNG)
    elif r < 0.84:
        al = "GG. " + rng.choice(["MAWAR", "MELATI", "KENANGA", "H. DAHLAN", "BUNTU"]) + " " + rng.choice(["I", "II", "III", "IV"])
        if rng.random() < 0.5:
            al = "JL. " + rng.choice(STREETS) + " " + al
    else:
        al = "PERUM " + rng.choice(["GRIYA ASRI", "BUMI INDAH", "TAMAN SARI", "PESONA"]) + " BLOK " + \
            rng.choice("ABCDEFGH") + str(rng.randint(1, 20)) + " NO. " + str(rng.randint(1, 40))
    if rng.random() < 0.15:
        al += " " + rng.choice(["RT 03", "KOMPLEK GUDANG", "BELAKANG PASAR", "DEKAT MASJID AL-IKHLAS"])
    it.alamat = al
    it.rtrw = "%03d/%03d" % (rng.randint(1, 20), rng.randint(1, 15))
    # validity
    iy = rng.randint(2012, 2024)
    im = rng.randint(1, 12)
    idd = rng.randint(1, days_in_month(im, iy))
    it.issue = fmt_date(idd, im, iy)
    if foreign:
        it.berlaku = fmt_date(idd, im, iy + 5)
    elif iy <= 2015 and rng.random() < 0.6:
        by = iy + 5
        it.berlaku = fmt_date(min(d, days_in_month(m, by)), m, by)
    else:
        it.berlaku = "SEUMUR HIDUP"
    return it


def identity_fields(it):
    return {
        "provinsi": it.provinsi,
        "kabupatenKota": it.kabkota,
        "nik": it.nik,
        "nama": it.nama,
        "tempatLahir": it.tempat,
        "tanggalLahir": fmt_date(*it.birth),
        "jenisKelamin": it.jk,
        "golonganDarah": it.goldar,
        "alamat": it.alamat,
        "rtRw": it.rtrw,
        "kelurahanDesa": it.keldesa,
        "kecamatan": it.kecamatan,
        "agama": it.agama,
        "statusPerkawinan": it.status,
        "pekerjaan": it.pekerjaan,
        "kewarganegaraan": it.warga,
        "berlakuHingga": it.berlaku,
    }

# ----------------------------------------------------------------------------- card backgrounds


def guilloche_bg(rng, base=(196, 222, 240), line=(150, 190, 225), text="KARTU TANDA PENDUDUK"):
    W, H = CARD_W, CARD_H
    img = Image.new("RGB", (W, H), base)
    arr = np.asarray(img).astype(np.float32)
    # soft gradient
    gx = np.linspace(0, 1, W)[None, :, None]
    gy = np.linspace(0, 1, H)[:, None, None]
    g = (gx * rng.uniform(-14, 14) + gy * rng.uniform(-14, 14))
    arr = np.clip(arr + g, 0, 255)
    img = Image.fromarray(arr.astype(np.uint8))
    d = ImageDraw.Draw(img, "RGBA")
    # a faint "map" of islands
    for _ in range(rng.randint(5, 9)):
        cx, cy = rng.uniform(0.05, 0.75) * W, rng.uniform(0.3, 0.8) * H
        pts = []
        n = 14
        rx, ry = rng.uniform(30, 120), rng.uniform(12, 40)
        for k in range(n):
            a = 2 * math.pi * k / n
            rr = rng.uniform(0.6, 1.2)
            pts.append((cx + math.cos(a) * rx * rr, cy + math.sin(a) * ry * rr))
        d.polygon(pts, fill=line + (40,))
    # wavy guilloche lines
    xs = np.arange(0, W + 8, 6)
    for k in range(rng.randint(26, 40)):
        y0 = rng.uniform(-20, H + 20)
        a1, f1, p1 = rng.uniform(5, 25), rng.uniform(0.004, 0.02), rng.uniform(0, 6.3)
        a2, f2, p2 = rng.uniform(2, 10), rng.uniform(0.02, 0.06), rng.uniform(0, 6.3)
        ys = y0 + a1 * np.sin(xs * f1 + p1) + a2 * np.sin(xs * f2 + p2)
        d.line(list(zip(xs.tolist(), ys.tolist())), fill=line + (rng.randint(50, 110),), width=1)
    for k in range(rng.randint(3, 7)):  # rosettes
        cx, cy, R = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(60, 180)
        t = np.linspace(0, 2 * math.pi, 400)
        kk = rng.randint(5, 13)
        r = R * (0.75 + 0.25 * np.sin(kk * t))
        d.line(list(zip((cx + r * np.cos(t)).tolist(), (cy + r * np.sin(t)).tolist())), fill=line + (70,), width=1)
    # pale diagonal repeated text
    if text:
        lay = Image.new("L", (W * 2, H * 2), 0)
        ld = ImageDraw.Draw(lay)
        f = font(SANS_BOLD[0], rng.randint(20, 28))
        step = int(text_w(ld, text + "   ", f))
        for yy in range(0, H * 2, rng.randint(42, 60)):
            off = (yy * 3) % step
            for xx in range(-step, W * 2, step):
                ld.text((xx + off, yy), text, font=f, fill=255)
        lay = lay.rotate(rng.uniform(20, 35), resample=Image.BILINEAR)
        lay = lay.crop((W // 2, H // 2, W // 2 + W, H // 2 + H))
        a = np.asarray(lay).astype(np.float32)[..., None] / 255.0 * rng.uniform(0.10, 0.2)
        arr = np.asarray(img).astype(np.float32)
        arr = arr * (1 - a) + np.array(line, np.float32) * 0.8 * a
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img


_BG_CACHE = {}


def cached_bg(rng, kind):
    """A small pool of card backgrounds per kind (rendering them is the slow part)."""
    slot = rng.randint(0, 5)
    key = (kind, slot)
    if key not in _BG_CACHE:
        r2 = random.Random(hash((kind, slot)) & 0xffffffff if False else (len(kind) * 1000 + slot * 7919 + sum(map(ord, kind))))
        if kind == "ktp":
            base = (r2.randint(185, 210), r2.randint(215, 235), r2.randint(235, 250))
            _BG_CACHE[key] = guilloche_bg(r2, base=base, line=(140, 185, 225))
        elif kind == "sim":
            base = (r2.randint(230, 245), r2.randint(215, 230), r2.randint(205, 225))
            _BG_CACHE[key] = guilloche_bg(r2, base=base, line=(200, 160, 170), text="SURAT IZIN MENGEMUDI")
        else:
            raise KeyError(kind)
    return _BG_CACHE[key].copy()

# ----------------------------------------------------------------------------- photo + signature


def draw_portrait(img, box, rng, bg):
    bx0, by0, bx1, by1 = [int(v) for v in box]
    w, h = bx1 - bx0, by1 - by0
    sub = Image.new("RGB", (w, h), bg)
    _portrait(sub, (0, 0, w, h), rng)
    img.paste(sub, (bx0, by0))


def _portrait(img, box, rng):
    x0, y0, x1, y1 = box
    d = ImageDraw.Draw(img)
    w, h = x1 - x0, y1 - y0
    skin = (rng.randint(150, 215), rng.randint(110, 170), rng.randint(80, 130))
    cloth = rng.choice([(30, 30, 40), (240, 240, 240), (60, 70, 120), (20, 60, 40), (120, 30, 30)])
    d.ellipse((x0 + w * 0.05, y0 + h * 0.68, x0 + w * 0.95, y0 + h * 1.25), fill=cloth)
    d.rectangle((x0 + w * 0.40, y0 + h * 0.52, x0 + w * 0.60, y0 + h * 0.72), fill=skin)
    d.ellipse((x0 + w * 0.25, y0 + h * 0.14, x0 + w * 0.75, y0 + h * 0.62), fill=skin)
    hair = rng.choice([(20, 15, 10), (40, 30, 20), (10, 10, 10)])
    if rng.random() < 0.35:  # hijab
        hij = rng.choice([(240, 240, 240), (30, 30, 60), (120, 80, 60), (60, 90, 60)])
        d.pieslice((x0 + w * 0.18, y0 + h * 0.08, x0 + w * 0.82, y0 + h * 0.95), 180, 360, fill=hij)
        d.polygon([(x0 + w * 0.18, y0 + h * 0.5), (x0 + w * 0.28, y0 + h * 0.5), (x0 + w * 0.4, y0 + h * 0.8),
                   (x0 + w * 0.1, y0 + h * 0.95)], fill=hij)
        d.polygon([(x0 + w * 0.82, y0 + h * 0.5), (x0 + w * 0.72, y0 + h * 0.5), (x0 + w * 0.6, y0 + h * 0.8),
                   (x0 + w * 0.9, y0 + h * 0.95)], fill=hij)
    else:
        d.pieslice((x0 + w * 0.23, y0 + h * 0.10, x0 + w * 0.77, y0 + h * 0.45), 180, 360, fill=hair)
    ex = [x0 + w * 0.40, x0 + w * 0.60]
    for e in ex:
        d.ellipse((e - 4, y0 + h * 0.36 - 3, e + 4, y0 + h * 0.36 + 3), fill=(30, 20, 20))
    d.arc((x0 + w * 0.42, y0 + h * 0.42, x0 + w * 0.58, y0 + h * 0.54), 20, 160, fill=(120, 50, 50), width=2)


def draw_signature(d, rng, cx, cy, scale=1.0, color=(20, 20, 40)):
    pts = []
    x, y = cx - 60 * scale, cy
    for k in range(rng.randint(12, 22)):
        x += rng.uniform(3, 14) * scale
        y = cy + rng.uniform(-28, 28) * scale
        pts.append((x, y))
    # smooth with a Catmull-Rom-ish interpolation
    out = []
    for i in range(len(pts) - 1):
        p0, p1 = pts[i], pts[i + 1]
        for t in np.linspace(0, 1, 6):
            out.append((p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t + math.sin(t * math.pi) * rng.uniform(-6, 6)))
    d.line(out, fill=color, width=max(1, int(2 * scale)), joint="curve")
    if rng.random() < 0.6:
        d.line([(cx - 70 * scale, cy + 22 * scale), (cx + 80 * scale, cy + rng.uniform(5, 25) * scale)], fill=color, width=2)

# ----------------------------------------------------------------------------- KTP render


def render_ktp(rng, it):
    img = cached_bg(rng, "ktp")
    d = ImageDraw.Draw(img)
    ink = tuple([rng.randint(10, 60)] * 3)
    lab_f = font(rng.choice(SANS_REG), rng.randint(21, 24))
    valfont_path = rng.choice(SANS_BOLD)
    vsize = rng.randint(21, 24)
    val_f = font(valfont_path, vsize)
    head_f = font(rng.choice(SANS_BOLD), rng.randint(28, 32))
    # header
    y = rng.randint(14, 24)
    for s in ("PROVINSI " + it.provinsi, it.kabkota):
        f = head_f
        while text_w(d, s, f) > CARD_W - 60:
            f = font(f.path, f.size - 1)
        d.text(((CARD_W - text_w(d, s, f)) / 2, y), s, font=f, fill=ink)
        y += f.size + 8
    # NIK
    y += rng.randint(10, 18)
    lx = rng.randint(24, 36)
    colon_x = lx + rng.randint(200, 215)
    vx = colon_x + rng.randint(12, 18)
    nik_lab_f = font(rng.choice(SANS_BOLD), rng.randint(32, 36))
    if rng.random() < 0.88:
        nik_f = font(rng.choice(OCRB), rng.randint(36, 40))
    else:
        nik_f = font(rng.choice(SANS_BOLD), rng.randint(34, 38))
    d.text((lx, y), "NIK", font=nik_lab_f, fill=ink)
    d.text((colon_x, y), ":", font=nik_lab_f, fill=ink)
    d.text((vx, y + 1), it.nik, font=nik_f, fill=ink)
    y += nik_f.size + rng.randint(14, 20)
    row_h = vsize + rng.randint(6, 9)
    photo_x0 = rng.randint(745, 770)
    value_max_x = photo_x0 - 12
    indent = lx + rng.randint(20, 50)
    lower_labels = rng.random() < 0.5  # 'Jenis kelamin' vs 'Jenis Kelamin'

    def row(label, value, lab_x=lx, touch=False, extra=None):
        nonlocal y
        d.text((lab_x, y), label, font=lab_f, fill=ink)
        lw = text_w(d, label, lab_f)
        cx = colon_x
        if touch or lab_x + lw > colon_x - 3:
            cx = lab_x + lw + 1
        d.text((cx, y), ":", font=lab_f, fill=ink)
        x = max(vx, cx + text_w(d, ": ", lab_f))
        # wrap the value if needed
        words = value.split(" ")
        line = ""
        lines = []
        limit = value_max_x - x
        if extra:
            limit = extra[0] - 20 - x
        for w_ in words:
            cand = (line + " " + w_).strip()
            if text_w(d, cand, val_f) > limit and line:
                lines.append(line)
                line = w_
            else:
                line = cand
        lines.append(line)
        for k, ln in enumerate(lines):
            d.text((x, y), ln, font=val_f, fill=ink)
            if extra and k == 0:
                gx, glab, gval = extra
                d.text((gx, y), glab, font=lab_f, fill=ink)
                gw = text_w(d, glab, lab_f)
                d.text((gx + gw + 2, y), ": ", font=lab_f, fill=ink)
                d.text((gx + gw + 2 + text_w(d, ": ", lab_f), y), gval, font=val_f, fill=ink)
            y += row_h
        return len(lines)

    row("Nama", it.nama)
    row("Tempat/Tgl Lahir", it.tempat + ", " + fmt_date(*it.birth))
    row("Jenis " + ("kelamin" if lower_labels else "Kelamin"), it.jk,
        extra=(rng.randint(520, 560), "Gol. Darah", it.goldar))
    row("Alamat", it.alamat)
    row("RT/RW", it.rtrw, lab_x=indent)
    row("Kel/Desa", it.keldesa, lab_x=indent)
    row("Kecamatan", it.kecamatan, lab_x=indent)
    row("Agama", it.agama)
    row("Status Perkawinan", it.status, touch=True)
    row("Pekerjaan", it.pekerjaan)
    row("Kewarganegaraan", it.warga, touch=True)
    row("Berlaku Hingga", it.berlaku)
    # photo box on the right, with issuing city/date and signature
    py0 = rng.randint(118, 140)
    pw = rng.randint(180, 205)
    ph = int(pw * 1.3)
    bgc = rng.choice([(200, 30, 40), (190, 40, 40), (40, 80, 170), (30, 100, 200)])
    draw_portrait(img, (photo_x0, py0, photo_x0 + pw, py0 + ph), rng, bgc)
    d = ImageDraw.Draw(img)
    small_f = font(rng.choice(SANS_BOLD), rng.randint(18, 21))
    cxm = photo_x0 + pw / 2
    yy = py0 + ph + rng.randint(8, 14)
    for s in (it.issue_city, it.issue):
        f = small_f
        while text_w(d, s, f) > CARD_W - photo_x0 + 40:
            f = font(f.path, f.size - 1)
        d.text((cxm - text_w(d, s, f) / 2, yy), s, font=f, fill=ink)
        yy += f.size + 4
    if rng.random() < 0.35:  # a big signature that runs over the issuing date / nearby values
        sx, sy, ss = cxm + rng.uniform(-90, 0), yy - rng.uniform(0, 40), rng.uniform(1.3, 1.9)
    else:
        sx, sy, ss = cxm + rng.uniform(-40, 10), yy + rng.uniform(18, 40), rng.uniform(0.9, 1.4)
    draw_signature(d, rng, sx, sy, scale=ss,
                   color=rng.choice([(20, 20, 40), (30, 30, 90), (10, 10, 10)]))
    return img

# ----------------------------------------------------------------------------- SIM render


def render_sim(rng, it):
    img = cached_bg(rng, "sim")
    d = ImageDraw.Draw(img)
    ink = (20, 20, 30)
    band = rng.choice([(30, 60, 130), (20, 90, 150), (150, 30, 40)])
    d.rectangle((0, 0, CARD_W, 95), fill=band)
    hf = font(rng.choice(SANS_BOLD), 34)
    d.text((150, 10), "SURAT IZIN MENGEMUDI", font=hf, fill=(255, 255, 255))
    d.text((150, 52), "KEPOLISIAN NEGARA REPUBLIK INDONESIA", font=font(SANS_BOLD[0], 22), fill=(230, 230, 230))
    d.ellipse((40, 12, 115, 85), fill=(220, 180, 40))
    gol = rng.choice(["A", "C", "B I", "B II", "A UMUM", "D"])
    d.text((840, 105), gol, font=font(SANS_BOLD[0], 64), fill=band)
    simno = "%04d-%04d-%06d" % (rng.randint(1000, 9999), rng.randint(1, 9999), rng.randint(1, 999999))
    d.text((300, 115), simno, font=font(rng.choice(OCRB), 36), fill=ink)
    draw_portrait(img, (40, 130, 250, 400), rng, rng.choice([(200, 30, 40), (40, 80, 170)]))
    d = ImageDraw.Draw(img)
    lf = font(rng.choice(SANS_REG), 21)
    vf = font(rng.choice(SANS_BOLD), 22)
    y = 185
    rows = [("1.", it.nama), ("2.", it.tempat + ", " + fmt_date(*it.birth)),
            ("3.", it.goldar + " - " + ("PRIA" if not it.female else "WANITA")),
            ("4.", it.alamat), ("", "RT " + it.rtrw.replace("/", " RW ") + " " + it.keldesa), ("", it.kecamatan),
            ("5.", it.pekerjaan), ("6.", "POLRES " + it.issue_city)]
    for lab, val in rows:
        d.text((280, y), lab, font=lf, fill=ink)
        s = val
        while text_w(d, s, vf) > 680 and len(s) > 5:
            s = s[:-1]
        d.text((315, y), s, font=vf, fill=ink)
        y += 34
    d.text((280, y + 10), "Berlaku s/d : " + it.berlaku if it.berlaku != "SEUMUR HIDUP" else "Berlaku s/d : " +
           fmt_date(it.birth[0], it.birth[1], rng.randint(2025, 2030)), font=lf, fill=ink)
    draw_signature(d, rng, 150, 470, scale=1.0)
    return img, {"nomorSim": simno, "golongan": gol, "nama": it.nama}

# ----------------------------------------------------------------------------- other cards / paper


def render_other_card(rng):
    kind = rng.choice(["bank", "member", "health", "student", "npwp"])
    W, H = CARD_W, CARD_H
    if kind == "bank":
        c1 = np.array([rng.randint(0, 120) for _ in range(3)], np.float32)
        c2 = np.array([rng.randint(0, 255) for _ in range(3)], np.float32)
        t = np.linspace(0, 1, W)[None, :, None]
        arr = (c1 * (1 - t) + c2 * t) * np.ones((H, 1, 1), np.float32)
        img = Image.fromarray(arr.astype(np.uint8))
        d = ImageDraw.Draw(img)
        d.rounded_rectangle((90, 220, 210, 310), 14, fill=(212, 175, 55), outline=(150, 120, 40), width=3)
        num = " ".join("%04d" % rng.randint(0, 9999) for _ in range(4))
        d.text((90, 360), num, font=font(rng.choice(OCRB), 58), fill=(240, 240, 240))
        d.text((90, 480), rng.choice(FIRST_M + FIRST_F) + " " + rng.choice(LAST), font=font(SANS_BOLD[0], 34), fill=(235, 235, 235))
        d.text((90, 40), rng.choice(["BANK NUSANTARA", "BANK SENTOSA", "DEBIT", "KARTU KREDIT"]),
               font=font(rng.choice(SANS_BOLD), 46), fill=(255, 255, 255))
    else:
        base = {"member": (rng.randint(200, 255), rng.randint(200, 255), rng.randint(150, 255)),
                "health": (225, 240, 225), "student": (235, 235, 250), "npwp": (245, 235, 200)}[kind]
        img = Image.new("RGB", (W, H), base)
        d = ImageDraw.Draw(img)
        col = {"member": (rng.randint(0, 200), rng.randint(0, 120), rng.randint(0, 200)), "health": (20, 130, 60),
               "student": (40, 40, 140), "npwp": (110, 80, 20)}[kind]
        d.rectangle((0, 0, W, 110), fill=col)
        title = {"member": rng.choice(["KARTU ANGGOTA", "MEMBER CARD", "KARTU PERPUSTAKAAN"]),
                 "health": rng.choice(["KARTU PESERTA ASURANSI", "KARTU BEROBAT"]),
                 "student": rng.choice(["KARTU TANDA MAHASISWA", "KARTU PELAJAR"]),
                 "npwp": "NOMOR POKOK WAJIB PAJAK"}[kind]
        d.text((40, 30), title, font=font(rng.choice(SANS_BOLD), 44), fill=(255, 255, 255))
        f = font(rng.choice(SANS_BOLD), 28)
        y = 150
        for _ in range(rng.randint(3, 6)):
            s = rng.choice(["NAMA: ", "NO: ", "", "ALAMAT: "]) + rng.choice(FIRST_M + LAST + STREETS) + " " + str(rng.randint(10, 99999))
            d.text((50, y), s, font=f, fill=(30, 30, 30))
            y += 60
        if rng.random() < 0.6:
            draw_portrait(img, (W - 250, 150, W - 60, 400), rng, (rng.randint(100, 250),) * 3)
        if rng.random() < 0.5:
            qx, qy = 780, 420
            for i in range(12):
                for j in range(12):
                    if rng.random() < 0.5:
                        d.rectangle((qx + i * 14, qy + j * 14 - 250 if False else qy + j * 14 - 0, qx + i * 14 + 13, qy + j * 14 + 13), fill=(0, 0, 0))
    return img, kind


def render_paper(rng, w, h):
    img = Image.new("RGB", (w, h), tuple([rng.randint(225, 250)] * 3))
    d = ImageDraw.Draw(img)
    f = font(rng.choice(SANS_REG + SERIF), max(10, h // 40))
    y = h // 12
    while y < h * 0.9:
        s = " ".join(rng.choice(LAST + STREETS + ["DAN", "YANG", "UNTUK", "NOMOR", "TANGGAL", "SURAT"]) for _ in range(rng.randint(3, 9)))
        d.text((w // 12, y), s, font=f, fill=(40, 40, 40))
        y += int(f.size * 1.6)
    return img

# ----------------------------------------------------------------------------- photo backgrounds


def bg_texture(rng, w, h):
    kind = rng.choice(["wood", "cloth", "plain", "desk", "shapes", "tiles"])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array([rng.randint(90, 200), rng.randint(60, 140), rng.randint(30, 90)], np.float32)
        ang = rng.uniform(-0.3, 0.3)
        u = xx * math.sin(ang) + yy * math.cos(ang)
        grain = np.sin(u / rng.uniform(3, 12) + 3 * np.sin(xx / rng.uniform(40, 200))) * 0.5 + 0.5
        arr = base[None, None, :] * (0.75 + 0.35 * grain[..., None])
    elif kind == "cloth":
        base = np.array([rng.randint(20, 240) for _ in range(3)], np.float32)
        p = rng.uniform(2.5, 7)
        weave = (np.sin(xx / p) * np.sin(yy / p)) * 0.5 + 0.5
        arr = base[None, None, :] * (0.8 + 0.3 * weave[..., None])
        if rng.random() < 0.5:  # pattern
            c2 = np.array([rng.randint(0, 255) for _ in range(3)], np.float32)
            m = ((np.sin(xx / rng.uniform(15, 60)) > 0.6) | (np.sin(yy / rng.uniform(15, 60)) > 0.6)).astype(np.float32)[..., None]
            arr = arr * (1 - 0.6 * m) + c2 * 0.6 * m
        # folds
        arr *= (0.85 + 0.15 * np.sin(xx / rng.uniform(80, 300) + yy / rng.uniform(100, 400)))[..., None]
    elif kind == "tiles":
        base = np.array([rng.randint(150, 240)] * 3, np.float32) + np.array([rng.randint(-20, 20) for _ in range(3)])
        s = rng.randint(60, 200)
        m = ((xx % s < 3) | (yy % s < 3)).astype(np.float32)[..., None]
        arr = base[None, None, :] * (1 - 0.4 * m)
    else:
        base = np.array([rng.randint(30, 240) for _ in range(3)], np.float32)
        arr = base[None, None, :] * np.ones((h, w, 1), np.float32)
        arr = arr + ((xx / w) * rng.uniform(-40, 40) + (yy / h) * rng.uniform(-40, 40))[..., None]
    arr = arr + np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).normal(0, rng.uniform(1, 6), (h, w, 1)).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if kind in ("desk", "shapes") or rng.random() < 0.5:
        clutter(img, rng, n=rng.randint(2, 10))
    return img


def clutter(img, rng, n=5):
    w, h = img.size
    d = ImageDraw.Draw(img, "RGBA")
    for _ in range(n):
        c = tuple(rng.randint(0, 255) for _ in range(3)) + (rng.randint(120, 255),)
        x0, y0 = rng.uniform(-0.2, 1.0) * w, rng.uniform(-0.2, 1.0) * h
        s = rng.uniform(0.05, 0.4) * min(w, h)
        k = rng.random()
        if k < 0.3:
            d.ellipse((x0, y0, x0 + s, y0 + s * rng.uniform(0.5, 1.5)), fill=c)
        elif k < 0.6:
            d.rectangle((x0, y0, x0 + s * rng.uniform(0.5, 3), y0 + s * rng.uniform(0.2, 1)), fill=c)
        elif k < 0.8:
            d.line((x0, y0, x0 + rng.uniform(-1, 1) * w, y0 + rng.uniform(-1, 1) * h), fill=c, width=rng.randint(2, 12))
        else:  # scribbly text (a receipt, a pen note)
            f = font(rng.choice(SANS_REG), max(8, int(s / 6)))
            d.text((x0, y0), " ".join(rng.choice(STREETS) for _ in range(3)), font=f, fill=c)


def hand_blob(img, rng, near=None):
    """Draw a skin-coloured hand-like blob (palm + fingers); returns its mask as np.bool array."""
    w, h = img.size
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    s = min(w, h) * rng.uniform(0.18, 0.35)
    if near is not None:
        cx, cy = near
    else:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    ang = rng.uniform(0, 2 * math.pi)
    md.ellipse((cx - s * 0.6, cy - s * 0.5, cx + s * 0.6, cy + s * 0.5), fill=255)
    for k in range(4 if rng.random() < 0.7 else 1):
        a = ang + (k - 1.5) * 0.28
        fx, fy = cx + math.cos(a) * s * 0.55, cy + math.sin(a) * s * 0.55
        L = s * rng.uniform(0.5, 0.8)
        ex, ey = fx + math.cos(a) * L, fy + math.sin(a) * L
        md.line((fx, fy, ex, ey), fill=255, width=int(s * 0.2))
        md.ellipse((ex - s * 0.1, ey - s * 0.1, ex + s * 0.1, ey + s * 0.1), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(2))
    skin = np.array([rng.randint(150, 230), rng.randint(100, 170), rng.randint(70, 130)], np.float32)
    m = np.asarray(mask).astype(np.float32)[..., None] / 255.0
    arr = np.asarray(img).astype(np.float32)
    shade = 0.85 + 0.15 * np.linspace(0, 1, w)[None, :, None]
    arr = arr * (1 - m) + skin * shade * m
    img.paste(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))
    return np.asarray(mask) > 128

# ----------------------------------------------------------------------------- geometry


def card_quad(rng, w, h, fill, tilt_deg, persp, allow_cut=False):
    """Destination quad (TL,TR,BR,BL) for a card filling `fill` of the frame's limiting dimension."""
    ar = CARD_W / CARD_H
    # scale so the rotated card's bounding box is `fill` of the frame in its limiting dimension
    t = math.radians(tilt_deg)
    bw_per_cw = abs(math.cos(t)) + abs(math.sin(t)) / ar
    bh_per_cw = abs(math.sin(t)) + abs(math.cos(t)) / ar
    cw = min(w * fill / bw_per_cw, h * fill / bh_per_cw)
    ch = cw / ar
    bw, bh = cw * bw_per_cw, cw * bh_per_cw
    if allow_cut:
        cx = rng.uniform(bw * 0.25, w - bw * 0.25)
        cy = rng.uniform(bh * 0.25, h - bh * 0.25)
    else:
        cx = rng.uniform(bw / 2 + 2, max(bw / 2 + 3, w - bw / 2 - 2))
        cy = rng.uniform(bh / 2 + 2, max(bh / 2 + 3, h - bh / 2 - 2))
    pts = np.array([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]], np.float32)
    R = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]], np.float32)
    pts = pts @ R.T
    # perspective: push one side away (trapezoid) + independent jitter
    if persp > 0:
        side = rng.randint(0, 3)
        k = rng.uniform(0, persp)
        idx = [(0, 1), (1, 2), (2, 3), (3, 0)][side]
        for i in idx:
            pts[i] *= (1 - k)
        pts += np.array([[rng.uniform(-1, 1) * persp * 0.35 * cw, rng.uniform(-1, 1) * persp * 0.35 * ch] for _ in range(4)], np.float32)
    pts += np.array([cx, cy], np.float32)
    if not allow_cut:  # keep inside
        mn = pts.min(0)
        mx = pts.max(0)
        shift = np.array([max(0, 2 - mn[0]) - max(0, mx[0] - (w - 3)), max(0, 2 - mn[1]) - max(0, mx[1] - (h - 3))], np.float32)
        pts += shift
    return pts


def rounded_mask():
    m = Image.new("L", (CARD_W, CARD_H), 0)
    ImageDraw.Draw(m).rounded_rectangle((0, 0, CARD_W - 1, CARD_H - 1), CORNER_RADIUS, fill=255)
    return np.asarray(m)


_RMASK = None


def paste_card(photo, card_img, quad, shadow=True, rng=None):
    """Warp the card onto the photo (np float32 HxWx3). quad: TL,TR,BR,BL in photo pixels."""
    global _RMASK
    if _RMASK is None:
        _RMASK = rounded_mask()
    h, w = photo.shape[:2]
    src = np.array([[0, 0], [CARD_W, 0], [CARD_W, CARD_H], [0, CARD_H]], np.float32)
    M = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    card = np.asarray(card_img.convert("RGB")).astype(np.float32)
    # supersampling is expensive; INTER_AREA is not available for warps, so pre-shrink big downscales
    scale = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))) / (CARD_W * CARD_H))
    mask = _RMASK.astype(np.float32) / 255.0
    if scale < 0.6:
        f = max(scale * 1.5, 0.05)
        sw, sh = max(8, int(CARD_W * f)), max(5, int(CARD_H * f))
        card = cv2.resize(card, (sw, sh), interpolation=cv2.INTER_AREA)
        mask = cv2.resize(mask, (sw, sh), interpolation=cv2.INTER_AREA)
        src2 = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
        M = cv2.getPerspectiveTransform(src2, quad.astype(np.float32))
    wc = cv2.warpPerspective(card, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    wm = cv2.warpPerspective(mask, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)[..., None]
    if shadow and rng is not None:
        off = np.array([rng.uniform(-1, 1), rng.uniform(0.3, 1.5)]) * min(w, h) * 0.01
        sm = cv2.warpPerspective(mask, M, (w, h))
        sm = np.roll(sm, (int(off[1]), int(off[0])), axis=(0, 1))
        k = max(3, int(min(w, h) * 0.015) | 1)
        sm = cv2.GaussianBlur(sm, (k, k), 0)[..., None]
        photo *= (1 - 0.35 * sm)
    photo[:] = photo * (1 - wm) + wc * wm
    return wm[..., 0]

# ----------------------------------------------------------------------------- degradations


def add_glare(arr, rng, quad=None):
    h, w = arr.shape[:2]
    for _ in range(rng.randint(1, 3)):
        if quad is not None and rng.random() < 0.85:
            a, b = rng.random(), rng.random()
            top = quad[0] * (1 - a) + quad[1] * a
            bot = quad[3] * (1 - a) + quad[2] * a
            cx, cy = top * (1 - b) + bot * b
        else:
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rx, ry = rng.uniform(0.04, 0.2) * w, rng.uniform(0.03, 0.12) * h
        yy, xx = np.ogrid[0:h, 0:w]
        ang = rng.uniform(0, math.pi)
        dx, dy = xx - cx, yy - cy
        u = (dx * math.cos(ang) + dy * math.sin(ang)) / rx
        v = (-dx * math.sin(ang) + dy * math.cos(ang)) / ry
        g = np.exp(-(u * u + v * v) * 1.5).astype(np.float32)
        strength = rng.uniform(120, 260)
        arr += g[..., None] * strength
    np.clip(arr, 0, 255, out=arr)


def add_moire(arr, rng):
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    f1, f2 = rng.uniform(0.3, 0.9), rng.uniform(0.3, 0.9)
    a = rng.uniform(0, math.pi)
    pat = np.sin((xx * math.cos(a) + yy * math.sin(a)) * f1) * np.sin((xx * math.cos(a + 0.1) - yy * math.sin(a + 0.1)) * f2)
    amp = rng.uniform(10, 30)
    shift = np.array([rng.uniform(0.6, 1.4) for _ in range(3)], np.float32)
    arr += pat[..., None] * amp * shift
    # screen-like colour cast
    arr *= np.array([rng.uniform(0.85, 1.05), rng.uniform(0.9, 1.1), rng.uniform(0.95, 1.2)], np.float32)
    np.clip(arr, 0, 255, out=arr)


def degrade(arr, rng, effects, strong=1.0):
    h, w = arr.shape[:2]
    # uneven lighting
    if rng.random() < 0.6:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        g = 1 + (xx / w - 0.5) * rng.uniform(-0.5, 0.5) + (yy / h - 0.5) * rng.uniform(-0.5, 0.5)
        arr *= g[..., None]
        effects.append("lighting")
    # white balance / exposure
    arr *= np.array([rng.uniform(0.92, 1.08) for _ in range(3)], np.float32) * rng.uniform(0.75, 1.2)
    np.clip(arr, 0, 255, out=arr)
    r = rng.random()
    if r < 0.3 * strong:
        k = rng.choice([3, 5, 7, 9]) if min(h, w) > 600 else 3
        arr[:] = cv2.GaussianBlur(arr, (k, k), 0)
        effects.append("blur")
    elif r < 0.45 * strong:
        L = max(3, int(min(h, w) * rng.uniform(0.005, 0.015)))
        kern = np.zeros((L, L), np.float32)
        kern[L // 2, :] = 1.0 / L
        M = cv2.getRotationMatrix2D((L / 2, L / 2), rng.uniform(0, 180), 1)
        kern = cv2.warpAffine(kern, M, (L, L))
        kern /= max(kern.sum(), 1e-6)
        arr[:] = cv2.filter2D(arr, -1, kern)
        effects.append("motion-blur")
    if rng.random() < 0.5:
        sigma = rng.uniform(2, 12) * strong
        arr += np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).normal(0, sigma, arr.shape).astype(np.float32)
        np.clip(arr, 0, 255, out=arr)
        effects.append("noise")

# ----------------------------------------------------------------------------- sample composition

SIZES = [((1280, 960), 20), ((1600, 1200), 12), ((1920, 1080), 15), ((1024, 768), 12), ((960, 1280), 6),
         ((1080, 1920), 4), ((700, 400), 8), ((800, 600), 8), ((4000, 2250), 4), ((3000, 2250), 3), ((640, 480), 6)]


def make_sample(rng, areas, opts=None):
    """Returns (PIL display-frame RGB image, gt dict, save-options dict)."""
    opts = opts or {}
    max_side = opts.get("max_side")  # training: cap the rendered size (the geometry is scaled, not cropped)
    force = opts.get("force", {})
    effects = []
    r = rng.random()
    scenario = force.get("scenario") or ("photo" if r < 0.74 else "scan" if r < 0.86 else "negative")
    ct = force.get("cardType")
    if ct is None:
        if scenario == "negative":
            ct = rng.choice(["NONE", "NONE", "NONE", "OTHER", "OTHER"])
        else:
            ct = wchoice(rng, [("KTP", 72), ("SIM", 14), ("OTHER", 14)])
    gt = {"cardType": ct, "scenario": scenario}
    card_img = None
    fields = None
    if ct == "KTP":
        foreign = force.get("foreign", rng.random() < 0.04)
        mism = force.get("nikMismatch", rng.random() < 0.10)
        it = make_identity(rng, areas, foreign=foreign, nik_mismatch=mism)
        card_img = render_ktp(rng, it)
        fields = identity_fields(it)
        gt["foreign"] = foreign
        gt["nikDateMatchesBirthDate"] = it.nik_date_matches
    elif ct == "SIM":
        it = make_identity(rng, areas)
        card_img, sim = render_sim(rng, it)
        gt["sim"] = sim
    elif ct == "OTHER":
        card_img, kind = render_other_card(rng)
        gt["otherKind"] = kind
    # fading / wear of the card itself
    if card_img is not None and rng.random() < force.get("fadeP", 0.25):
        a = np.asarray(card_img).astype(np.float32)
        k = rng.uniform(0.25, 0.55)
        a = a * (1 - k) + 235 * k
        if rng.random() < 0.5:  # patchy wear
            noise = cv2.resize(np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).rand(8, 12).astype(np.float32), (CARD_W, CARD_H))
            a = a + (noise[..., None] - 0.5) * 40
        card_img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        effects.append("faded")

    # ---- frame size
    if scenario == "scan":
        sw = rng.choice([1000, 1012, 856, 1280, 640, 1600])
        w = sw + rng.randint(0, 30)
        h = int(sw / (CARD_W / CARD_H)) + rng.randint(0, 20)
    else:
        (w, h) = force.get("size") or wchoice(rng, SIZES)
    if max_side and max(w, h) > max_side:
        s = max_side / max(w, h)
        w, h = int(round(w * s)), int(round(h * s))

    corners = None
    other_cards = []
    occluded = False
    truncated = False
    if scenario == "scan":
        bgc = rng.randint(215, 255)
        photo = np.full((h, w, 3), bgc, np.float32)
        m = rng.uniform(0, 0.015)
        quad = card_quad(rng, w, h, 1 - m * 2, rng.uniform(-1, 1), 0.0)
        paste_card(photo, card_img, quad, shadow=False)
        corners = quad
        if rng.random() < 0.5:
            photo[:] = cv2.GaussianBlur(photo, (3, 3), 0)
        photo *= rng.uniform(0.92, 1.05)
        np.clip(photo, 0, 255, out=photo)
        effects.append("scan")
    else:
        bg = bg_texture(rng, w, h)
        photo = np.asarray(bg).astype(np.float32).copy()
        if ct == "NONE":
            if rng.random() < 0.6:  # a sheet of paper / receipt, a "not a card" negative
                pw_, ph_ = int(w * rng.uniform(0.4, 0.8)), int(h * rng.uniform(0.5, 0.95))
                paper = render_paper(rng, pw_, ph_)
                q = card_quad(rng, w, h, rng.uniform(0.5, 0.9), rng.uniform(-15, 15), 0.1)
                # paper has its own aspect: warp paper to a quad with its aspect
                src = np.array([[0, 0], [pw_, 0], [pw_, ph_], [0, ph_]], np.float32)
                c = q.mean(0)
                sc = min(w, h) * rng.uniform(0.5, 0.9) / max(pw_, ph_)
                dst = (src - np.array([pw_ / 2, ph_ / 2])) * sc + c
                M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
                wp = cv2.warpPerspective(np.asarray(paper).astype(np.float32), M, (w, h))
                wm = cv2.warpPerspective(np.ones((ph_, pw_), np.float32), M, (w, h))[..., None]
                photo = photo * (1 - wm) + wp * wm
                gt["negativeKind"] = "paper"
            else:
                gt["negativeKind"] = "no-card"
            clutter_img = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
            clutter(clutter_img, rng, n=rng.randint(1, 6))
            photo = np.asarray(clutter_img).astype(np.float32).copy()
            if rng.random() < 0.3:
                hb = Image.fromarray(photo.astype(np.uint8))
                hand_blob(hb, rng)
                photo = np.asarray(hb).astype(np.float32).copy()
        else:
            fill = force.get("fill", rng.uniform(0.5, 0.95))
            tilt = force.get("tilt", rng.uniform(-10, 10) if rng.random() < 0.85 else rng.uniform(-3, 3))
            persp = force.get("persp", rng.uniform(0, 0.18) if rng.random() < 0.7 else 0.0)
            allow_cut = force.get("allowCut", rng.random() < 0.04)
            quad = card_quad(rng, w, h, fill, tilt, persp, allow_cut=allow_cut)
            # distractor: another card in the frame (only if there is room)
            if ct != "OTHER" and fill < 0.65 and rng.random() < 0.25:
                oimg, okind = render_other_card(rng)
                for _try in range(5):
                    oq = card_quad(rng, w, h, rng.uniform(0.3, 0.5), rng.uniform(-20, 20), 0.05)
                    if not polys_overlap(oq, quad):
                        paste_card(photo, oimg, oq, rng=rng)
                        other_cards.append({"cardType": "OTHER", "otherKind": okind, "corners": oq})
                        break
            paste_card(photo, card_img, quad, rng=rng)
            corners = quad
            truncated = bool((quad[:, 0] < 0).any() or (quad[:, 1] < 0).any() or (quad[:, 0] > w).any() or (quad[:, 1] > h).any())
            if force.get("hand", rng.random() < 0.15):
                hb = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
                e = rng.randint(0, 3)
                near = quad[e] * 0.7 + quad[(e + 1) % 4] * 0.3
                hand_blob(hb, rng, near=tuple(near.tolist()))
                photo = np.asarray(hb).astype(np.float32).copy()
                occluded = True
                effects.append("hand")
            elif rng.random() < 0.06:  # some other object over the card
                hb = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
                d = ImageDraw.Draw(hb)
                c = quad[rng.randint(0, 3)]
                s = min(w, h) * rng.uniform(0.08, 0.2)
                d.ellipse((c[0] - s, c[1] - s, c[0] + s, c[1] + s), fill=tuple(rng.randint(0, 255) for _ in range(3)))
                photo = np.asarray(hb).astype(np.float32).copy()
                occluded = True
                effects.append("occluder")
        if force.get("glare", rng.random() < 0.3):
            add_glare(photo, rng, corners)
            effects.append("glare")
        if force.get("moire", rng.random() < 0.07):
            add_moire(photo, rng)
            effects.append("moire")
        degrade(photo, rng, effects, strong=force.get("degrade", 1.0))

    img = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    # Drawn last, so the rest of a sample is the same as without these (seeds keep their cards).
    # Real scans are often cropped at the card's edge, or a few pixels inside it.
    if scenario == "scan" and corners is not None and force.get("tightCrop", rng.random() < 0.6):
        inset = rng.uniform(-0.002, 0.006) * w
        x0 = max(0, int(round(corners[:, 0].min() + inset)))
        y0 = max(0, int(round(corners[:, 1].min() + inset)))
        x1 = min(w, int(round(corners[:, 0].max() - inset)))
        y1 = min(h, int(round(corners[:, 1].max() - inset)))
        img = img.crop((x0, y0, x1, y1))
        corners = corners - np.array([x0, y0], np.float32)
        w, h = img.size
        effects.append("tight-crop")
    # Some photos are taken with the card sideways or upside down and stored that way (no EXIF tag).
    turn = force.get("turn", rng.choice([90, 180, 270]) if scenario == "photo" and rng.random() < 0.08 else 0)
    if turn:
        img = img.rotate(-turn, expand=True)  # clockwise
        for _ in range(turn // 90):  # a point (x, y) of a w x h image turned clockwise lands at (h - 1 - y, x)
            if corners is not None:
                corners = np.stack([h - 1 - corners[:, 1], corners[:, 0]], axis=1)
            w, h = h, w
        effects.append("turned-%d" % turn)
    gt["imageSize"] = {"width": w, "height": h}
    gt["corners"] = None if corners is None else [[round(float(x), 1), round(float(y), 1)] for x, y in corners]
    if corners is not None:
        gt["box"] = [round(float(corners[:, 0].min()), 1), round(float(corners[:, 1].min()), 1),
                     round(float(corners[:, 0].max()), 1), round(float(corners[:, 1].max()), 1)]
    else:
        gt["box"] = None
    gt["truncated"] = truncated
    gt["occluded"] = occluded
    gt["otherCards"] = [{"cardType": o["cardType"], "otherKind": o["otherKind"],
                         "corners": [[round(float(x), 1), round(float(y), 1)] for x, y in o["corners"]]} for o in other_cards]
    gt["fields"] = fields
    # save options
    save = {}
    q = force.get("jpegQuality")
    if q is None:
        q = rng.choice([rng.randint(15, 40), rng.randint(45, 80), rng.randint(80, 95), rng.randint(80, 95)])
    save["quality"] = q
    save["format"] = force.get("format") or ("PNG" if scenario == "scan" and rng.random() < 0.4 else "JPEG")
    save["exif"] = force.get("exif", 6 if rng.random() < 0.05 else 8 if rng.random() < 0.04 else 1) if scenario == "photo" else 1
    save["lieExt"] = force.get("lieExt", rng.random() < 0.03)
    if q < 45 and save["format"] == "JPEG":
        effects.append("heavy-jpeg")
    gt["effects"] = effects
    return img, gt, save


def polys_overlap(a, b):
    ra = cv2.boundingRect(a.astype(np.float32))
    rb = cv2.boundingRect(b.astype(np.float32))
    return not (ra[0] + ra[2] < rb[0] or rb[0] + rb[2] < ra[0] or ra[1] + ra[3] < rb[1] or rb[1] + rb[3] < ra[1])


def encode(img, gt, save):
    """Apply EXIF storage rotation and encode. Returns (bytes, ext, gt) with stored-frame info added."""
    orient = save["exif"]
    stored = img
    if orient == 6:    # stored rotated 90 deg CCW; viewer rotates 90 CW to display
        stored = img.transpose(Image.ROTATE_90)
    elif orient == 8:  # stored rotated 90 deg CW; viewer rotates 90 CCW to display
        stored = img.transpose(Image.ROTATE_270)
    buf = io.BytesIO()
    if save["format"] == "PNG":
        stored.save(buf, "PNG", optimize=False, compress_level=6)
        mime, ext = "image/png", "png"
    else:
        kw = {"quality": int(save["quality"])}
        if orient != 1:
            ex = Image.Exif()
            ex[0x0112] = orient
            kw["exif"] = ex.tobytes()
        stored.save(buf, "JPEG", **kw)
        mime, ext = "image/jpeg", "jpg"
    if save.get("lieExt") and ext == "jpg":
        ext = "png"  # file name lies: JPEG bytes in a .png
    gt["mimeType"] = mime
    gt["exifOrientation"] = orient
    gt["storedSize"] = {"width": stored.size[0], "height": stored.size[1]}
    if save["format"] == "JPEG":
        gt["jpegQuality"] = int(save["quality"])
    # corners in the stored (raw, pre-EXIF) pixel frame as well
    W, H = img.size

    def to_stored(p):
        x, y = p
        if orient == 6:
            return [round(y, 1), round(W - x, 1)]
        if orient == 8:
            return [round(H - y, 1), round(x, 1)]
        return [x, y]
    gt["cornersStored"] = None if gt["corners"] is None else [to_stored(p) for p in gt["corners"]]
    return buf.getvalue(), ext, gt


def default_area_dir():
    return os.path.join(REPO, "node_modules", "idn-area-data", "data")


def load_areas(area_dir=None):
    a = _load_areas(area_dir or default_area_dir())
    if a is None:
        print("warning: idn-area-data CSVs not found, using a tiny built-in region list", file=sys.stderr)
        a = FALLBACK_AREAS
    return a


def ordered_gt(gt, name):
    out = {"image": name}
    for k in ["cardType", "scenario", "imageSize", "storedSize", "exifOrientation", "mimeType", "jpegQuality",
              "corners", "cornersStored", "box", "truncated", "occluded", "foreign", "nikDateMatchesBirthDate",
              "fields", "sim", "otherKind", "negativeKind", "otherCards", "effects", "seed", "index"]:
        if k in gt:
            out[k] = gt[k]
    if out.get("fields"):
        out["fields"] = {k: out["fields"][k] for k in FIELD_KEYS}
    return out


def dump_json(obj):
    """Pretty JSON with short number lists ([x, y], boxes) kept on one line."""
    txt = json.dumps(obj, indent=2, ensure_ascii=False)
    txt = re.sub(r"\[\s+([-0-9.,\s]+?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", txt)
    txt = re.sub(r"\[\s+(\[[^\[\]]*\](?:,\s+\[[^\[\]]*\])*)\s+\]", lambda m: "[" + re.sub(r"\],\s+\[", "], [", m.group(1)) + "]", txt)
    return txt + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first index (for sharding: same seed, disjoint ranges)")
    ap.add_argument("--max-side", type=int, default=None, help="cap the image's long side (fast training data)")
    ap.add_argument("--area-dir", default=None, help="idn-area-data data folder (default: node_modules/idn-area-data/data)")
    ap.add_argument("--fixtures", action="store_true", help="write the fixed, hand-picked test fixture mix")
    ap.add_argument("--force", default=None, help='JSON of forced options, e.g. \'{"scenario": "negative", "cardType": "NONE"}\'')
    args = ap.parse_args()
    areas = load_areas(args.area_dir)
    os.makedirs(args.out, exist_ok=True)
    forced = json.loads(args.force) if args.force else {}
    if "size" in forced:
        forced["size"] = tuple(forced["size"])
    jobs = FIXTURE_PLAN if args.fixtures else [(None, dict(forced)) for _ in range(args.count)]
    for i, (name, force) in enumerate(jobs):
        idx = args.start + i
        rng = random.Random(args.seed * 1000003 + idx)
        img, gt, save = make_sample(rng, areas, {"max_side": args.max_side, "force": force})
        data, ext, gt = encode(img, gt, save)
        gt["seed"], gt["index"] = args.seed, idx
        stem = name or "card_%06d" % idx
        fn = stem + "." + ext
        with open(os.path.join(args.out, fn), "wb") as fh:
            fh.write(data)
        with open(os.path.join(args.out, stem + ".json"), "w", encoding="utf-8") as fh:
            fh.write(dump_json(ordered_gt(gt, fn)))
        print(fn, gt["cardType"], gt["scenario"], "%dx%d" % (gt["imageSize"]["width"], gt["imageSize"]["height"]), " ".join(gt["effects"]))


# name -> forced options; the fixture set for services/ocr-engine/test (kept small: < 3 MB in all)
FIXTURE_PLAN = [
    ("ktp-scan-clean", {"scenario": "scan", "cardType": "KTP", "fadeP": 0.0, "format": "JPEG", "jpegQuality": 90, "nikMismatch": False, "foreign": False, "lieExt": False}),
    ("ktp-photo-tilted", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": 8.0, "persp": 0.0, "fill": 0.8, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 85, "fadeP": 0.0, "allowCut": False, "degrade": 0.3, "foreign": False, "lieExt": False}),
    ("ktp-photo-perspective", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": -4.0, "persp": 0.16, "fill": 0.75, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 85, "fadeP": 0.0, "allowCut": False, "degrade": 0.3, "foreign": False, "lieExt": False}),
    ("ktp-photo-exif-rotated", {"scenario": "photo", "cardType": "KTP", "size": (1600, 900), "tilt": 3.0, "persp": 0.05, "fill": 0.7, "glare": False, "moire": False, "hand": False, "exif": 6, "jpegQuality": 80, "fadeP": 0.0, "allowCut": False, "degrade": 0.3, "foreign": False, "lieExt": False}),
    ("ktp-photo-small", {"scenario": "photo", "cardType": "KTP", "size": (700, 400), "tilt": -2.0, "persp": 0.04, "fill": 0.9, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 88, "fadeP": 0.0, "allowCut": False, "degrade": 0.3, "foreign": False, "lieExt": False}),
    ("ktp-photo-glare", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": 5.0, "persp": 0.08, "fill": 0.8, "glare": True, "moire": False, "hand": False, "exif": 1, "jpegQuality": 80, "fadeP": 0.0, "allowCut": False, "degrade": 0.5, "lieExt": False}),
    ("ktp-photo-nik-mismatch", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": 1.5, "persp": 0.03, "fill": 0.85, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 85, "fadeP": 0.0, "nikMismatch": True, "foreign": False, "allowCut": False, "degrade": 0.3, "lieExt": False}),
    ("ktp-photo-foreign", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": -1.0, "persp": 0.03, "fill": 0.85, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 85, "fadeP": 0.0, "foreign": True, "allowCut": False, "degrade": 0.3, "lieExt": False}),
    ("ktp-photo-hard", {"scenario": "photo", "cardType": "KTP", "size": (1280, 960), "tilt": -7.0, "persp": 0.12, "fill": 0.6, "glare": True, "moire": True, "hand": True, "exif": 1, "jpegQuality": 30, "fadeP": 1.0, "allowCut": False, "lieExt": False}),
    ("ktp-scan-png-named-jpeg-bytes", {"scenario": "scan", "cardType": "KTP", "fadeP": 0.0, "format": "JPEG", "jpegQuality": 80, "lieExt": True, "foreign": False}),
    ("sim-photo", {"scenario": "photo", "cardType": "SIM", "size": (1280, 960), "tilt": 4.0, "persp": 0.06, "fill": 0.8, "glare": False, "moire": False, "hand": False, "exif": 1, "jpegQuality": 85, "allowCut": False, "lieExt": False}),
    ("other-card-photo", {"scenario": "photo", "cardType": "OTHER", "size": (1024, 768), "tilt": -5.0, "persp": 0.05, "fill": 0.7, "exif": 1, "jpegQuality": 85, "allowCut": False, "lieExt": False}),
    ("no-card-photo", {"scenario": "negative", "cardType": "NONE", "size": (1024, 768), "exif": 1, "jpegQuality": 85, "lieExt": False}),
]

if __name__ == "__main__":
    main()
