// The QR code printed under an article (its address), as the data of an SVG path: the markup
// itself is in src/components/ArticleTools.astro.
import QRCode from 'qrcode';

/** Quiet zone around the code, in modules. */
const MARGIN = 1;

/**
 * The dark modules of the code for `text`, as one path of horizontal runs (`M x y h n` each),
 * stroked one module wide on the row's centre line. One byte-mode segment and a fixed mask: the
 * library otherwise searches for the shortest mix of encodings and scores all eight masks, most
 * of a build's rendering time. Any mask gives a valid code (the browser test decodes it).
 */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      else if (!dark && start >= 0) {
        runs.push(`M${start + MARGIN} ${row + MARGIN + 0.5}h${col - start}`);
        start = -1;
      }
    }
  }
  return { size: modules.size + 2 * MARGIN, d: runs.join('') };
}
