import sharp from 'sharp';
import { applyHomography, homography } from '../../src/engine/geometry/perspective';
import { sampleBilinear } from '../../src/engine/geometry/rgb-image';
import type { Point, Quad } from '../../src/engine/result';

/** Ground truth in the fixture format (dates DD-MM-YYYY as printed). */
export interface KtpGroundTruth {
  provinsi: string;
  kabupatenKota: string;
  nik: string;
  nama: string;
  tempatLahir: string;
  tanggalLahir: string;
  jenisKelamin: string;
  golonganDarah: string;
  alamat: string;
  rtRw: string;
  kelurahanDesa: string;
  kecamatan: string;
  agama: string;
  statusPerkawinan: string;
  pekerjaan: string;
  kewarganegaraan: string;
  berlakuHingga: string;
}

export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;

/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['SITI NURJANAH', 'BUDI SANTOSO', 'AHMAD FAUZI', 'DEWI LESTARI', 'RIYANTO. SE', 'AGUS SETIAWAN', 'NUR HIDAYAH', 'EKO PRASETYO', 'RINA WULANDARI', 'MUHAMMAD RIZKI'];
const STREETS = ['JL. IMAM BONJOL NO. 12', 'KP. CIOJAR', 'JL. MERDEKA NO. 5', 'DUSUN KRAJAN', 'JL. SUDIRMAN GG. MAWAR', 'PERUM GRIYA ASRI BLOK C2'];
const RELIGIONS = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDHA'];
const MARITAL = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'];
const JOBS = ['KARYAWAN SWASTA', 'PELAJAR/MAHASISWA', 'WIRASWASTA', 'MENGURUS RUMAH TANGGA', 'BELUM/TIDAK BEKERJA', 'PETANI/PEKEBUN', 'PEGAWAI NEGERI SIPIL'];
const BLOOD = ['A', 'B', 'AB', 'O', '-'];

export interface SyntheticRegion {
  provinsi: string;
  kabupatenKota: string;
  kecamatan: string;
  kelurahanDesa: string;
  districtCode: string;
}

/** A fixed region (Garut, Jawa Barat) so the tests do not depend on the region data loader. */
export const GARUT_REGION: SyntheticRegion = {
  provinsi: 'JAWA BARAT',
  kabupatenKota: 'KABUPATEN GARUT',
  kecamatan: 'TAROGONG KIDUL',
  kelurahanDesa: 'HAURPANGGUNG',
  districtCode: '320505',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

export function randomKtp(seed: number, region: SyntheticRegion = GARUT_REGION): KtpGroundTruth {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const female = rnd() < 0.5;
  const day = 1 + Math.floor(rnd() * 28);
  const month = 1 + Math.floor(rnd() * 12);
  const year = 1950 + Math.floor(rnd() * 55);
  const serial = String(1 + Math.floor(rnd() * 9998)).padStart(4, '0');
  const nik = `${region.districtCode}${pad2(day + (female ? 40 : 0))}${pad2(month)}${pad2(year % 100)}${serial}`;
  return {
    provinsi: region.provinsi,
    kabupatenKota: region.kabupatenKota,
    nik,
    nama: pick(NAMES),
    tempatLahir: pick(['GARUT', 'BANDUNG', 'JAKARTA', 'SURABAYA', 'TASIKMALAYA']),
    tanggalLahir: `${pad2(day)}-${pad2(month)}-${year}`,
    jenisKelamin: female ? 'PEREMPUAN' : 'LAKI-LAKI',
    golonganDarah: pick(BLOOD),
    alamat: pick(STREETS),
    rtRw: `${String(1 + Math.floor(rnd() * 20)).padStart(3, '0')}/${String(1 + Math.floor(rnd() * 15)).padStart(3, '0')}`,
    kelurahanDesa: region.kelurahanDesa,
    kecamatan: region.kecamatan,
    agama: pick(RELIGIONS),
    statusPerkawinan: pick(MARITAL),
    pekerjaan: pick(JOBS),
    kewarganegaraan: 'WNI',
    berlakuHingga: 'SEUMUR HIDUP',
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SVG of a KTP-like card (ID-1 proportions, 10 px per mm) laid out as real cards are. */
export function ktpSvg(card: KtpGroundTruth): string {
  const text = (x: number, y: number, s: string, size = 19, weight = 'bold', anchor = 'start', family = 'Liberation Sans, Arial, sans-serif') =>
    `<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="#1a1a1a">${escapeXml(s)}</text>`;
  const rows: [string, string, number][] = [
    ['Nama', card.nama, 30],
    ['Tempat/Tgl Lahir', `${card.tempatLahir}, ${card.tanggalLahir}`, 30],
    ['Jenis kelamin', card.jenisKelamin, 30],
    ['Alamat', card.alamat, 30],
    ['RT/RW', card.rtRw, 60],
    ['Kel/Desa', card.kelurahanDesa, 60],
    ['Kecamatan', card.kecamatan, 60],
    ['Agama', card.agama, 30],
    ['Status Perkawinan', card.statusPerkawinan, 30],
    ['Pekerjaan', card.pekerjaan, 30],
    ['Kewarganegaraan', card.kewarganegaraan, 30],
    ['Berlaku Hingga', card.berlakuHingga, 30],
  ];
  const body = rows
    .map(([label, value, x], i) => {
      const y = 182 + i * 28;
      let row = text(x, y, label, 18, 'normal') + text(225, y, ':', 18) + text(240, y, value, 19);
      if (label === 'Jenis kelamin') row += text(440, y, 'Gol. Darah', 18, 'normal') + text(540, y, ':', 18) + text(555, y, card.golonganDarah, 19);
      return row;
    })
    .join('');
  const waves = Array.from({ length: 14 }, (_, i) => `<path d="M0 ${30 + i * 38} Q 214 ${10 + i * 38} 428 ${30 + i * 38} T 856 ${30 + i * 38}" stroke="#b7d3e8" stroke-width="1.2" fill="none"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
<rect width="100%" height="100%" fill="#d9eaf5"/>${waves}
${text(428, 48, `PROVINSI ${card.provinsi}`, 26, 'bold', 'middle')}
${text(428, 82, card.kabupatenKota, 26, 'bold', 'middle')}
${text(30, 140, 'NIK', 28)}${text(225, 140, ':', 28)}${text(240, 142, card.nik, 32, 'normal', 'start', 'OCR B, monospace')}
${body}
<rect x="650" y="120" width="170" height="220" fill="#c0392b"/>
${text(735, 380, card.tempatLahir, 17, 'bold', 'middle')}${text(735, 402, '29-06-2018', 17, 'bold', 'middle')}
</svg>`;
}

export async function renderKtp(card: KtpGroundTruth): Promise<Buffer> {
  return sharp(Buffer.from(ktpSvg(card))).flatten({ background: '#ffffff' }).png().toBuffer();
}

/**
 * Places a rendered card on a striped table as a phone photo would: rotated by `angleDeg` with the
 * far edge `perspective` (fraction of the width) shorter, card filling about 70 % of the frame, as JPEG.
 */
export async function photographCard(cardPng: Buffer, angleDeg: number, perspective = 0.08): Promise<Buffer> {
  const card = await sharp(cardPng).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const outW = 1280;
  const outH = 960;
  const cardW = outW * 0.72;
  const cardH = (cardW * CARD_HEIGHT) / CARD_WIDTH;
  const squeeze = (cardW * perspective) / 2;
  const a = (angleDeg * Math.PI) / 180;
  const place = (x: number, y: number): Point => ({
    x: outW / 2 + x * Math.cos(a) - y * Math.sin(a),
    y: outH / 2 + x * Math.sin(a) + y * Math.cos(a),
  });
  const quad: Quad = [
    place(-cardW / 2 + squeeze, -cardH / 2),
    place(cardW / 2 - squeeze, -cardH / 2),
    place(cardW / 2, cardH / 2),
    place(-cardW / 2, cardH / 2),
  ];
  const src: Quad = [
    { x: 0, y: 0 },
    { x: card.info.width - 1, y: 0 },
    { x: card.info.width - 1, y: card.info.height - 1 },
    { x: 0, y: card.info.height - 1 },
  ];
  const toCard = homography(quad, src);
  const image = { data: new Uint8Array(card.data), width: card.info.width, height: card.info.height };
  const out = Buffer.alloc(outW * outH * 3);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const p = applyHomography(toCard, { x, y });
      const o = (y * outW + x) * 3;
      const inside = p.x >= 0 && p.y >= 0 && p.x <= image.width - 1 && p.y <= image.height - 1;
      if (inside) sampleBilinear(image, p.x, p.y, out, o);
      else {
        const stripe = Math.floor((x + y * 0.3) / 40) % 2 ? 0x5a : 0x6b;
        out[o] = stripe;
        out[o + 1] = stripe - 0x1b;
        out[o + 2] = stripe - 0x31;
      }
    }
  }
  return sharp(out, { raw: { width: outW, height: outH, channels: 3 } }).blur(0.6).jpeg({ quality: 85 }).toBuffer();
}
