// Demo media made at seed time instead of committed binaries: an abstract cover image per
// article (sharp renders an SVG) and small PDF attachments with Vietnamese text (pdfkit with the
// DejaVu Sans font, which covers Vietnamese).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const fontPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFontPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

// Muted colours of the portal's palette; the seed picks from them by the slug's hash.
const palettes = [
  ['#0b4f8a', '#1f7a8c', '#f2c14e'],
  ['#7a1f2b', '#c0392b', '#f5e6c8'],
  ['#1e5631', '#4c9a2a', '#e9f5db'],
  ['#3d2c8d', '#916bbf', '#f4e3ff'],
  ['#8a4b0b', '#d98e04', '#fff4d6'],
  ['#114b5f', '#028090', '#e4fde1'],
];

function seededNumbers(key: string, count: number): number[] {
  const digest = createHash('sha256').update(key).digest();
  return Array.from({ length: count }, (_, i) => digest[i % digest.length] / 255);
}

/** Writes a 1200×675 JPEG cover for the given key and returns its path. */
export async function makeCoverImage(key: string, dir: string): Promise<string> {
  const n = seededNumbers(key, 16);
  const [dark, mid, light] = palettes[Math.floor(n[0] * palettes.length) % palettes.length];
  const circles = Array.from({ length: 5 }, (_, i) => {
    const cx = Math.round(n[i + 1] * 1200);
    const cy = Math.round(n[i + 6] * 675);
    const r = Math.round(60 + n[i + 11] * 220);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${i % 2 ? light : mid}" fill-opacity="${(0.18 + n[i] * 0.3).toFixed(2)}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${dark}"/><stop offset="1" stop-color="${mid}"/>
    </linearGradient></defs>
    <rect width="1200" height="675" fill="url(#g)"/>${circles}
    <rect x="0" y="595" width="1200" height="80" fill="${dark}" fill-opacity="0.55"/>
  </svg>`;
  const path = join(dir, `anh-bia-${key}.jpg`);
  await sharp(Buffer.from(svg)).jpeg({ quality: 70, mozjpeg: true }).toFile(path);
  return path;
}

/** Writes a one-page PDF with a title and paragraphs, and returns its path. */
export function makePdf(fileName: string, dir: string, title: string, paragraphs: string[]): Promise<string> {
  const path = join(dir, fileName);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Author: 'Ủy ban nhân dân phường' } });
    const out = createWriteStream(path);
    out.on('finish', () => resolve(path));
    out.on('error', reject);
    doc.pipe(out);
    doc.font(boldFontPath).fontSize(15).text(title, { align: 'center' }).moveDown();
    doc.font(fontPath).fontSize(11);
    for (const paragraph of paragraphs) doc.text(paragraph, { align: 'justify' }).moveDown(0.6);
    doc.end();
  });
}
