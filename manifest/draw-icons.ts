// Draws Suhde's icons: two linked rings (two people in a relationship) on the brand colour. The PNGs are
// committed; run `npx tsx manifest/draw-icons.ts` after changing the drawing. The test checks that the committed
// files are what this script draws, so the two never drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';

export const BRAND = { r: 0x0e, g: 0x7c, b: 0x86 };

/**
 * Hosted icons, served by the backend at /app-icons/: Outlook's ribbon buttons need 16, 32 and 80 px; its mobile
 * buttons 25, 32 and 48 points at scales 1 to 3 (25, 32, 48, 50, 64, 75, 96, 144 px).
 */
export const HOSTED_ICON_SIZES = [16, 25, 32, 48, 50, 64, 75, 80, 96, 144] as const;

type Shape = (x: number, y: number) => boolean;

/** A rounded square filling the unit box, corner radius r. */
const roundedSquare =
  (r: number): Shape =>
  (x, y) => {
    const dx = Math.max(r - x, 0, x - (1 - r));
    const dy = Math.max(r - y, 0, y - (1 - r));
    return dx * dx + dy * dy <= r * r;
  };

const ring =
  (cx: number, cy: number, radius: number, width: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= radius + width / 2 && d >= radius - width / 2;
  };

/** The two rings, in unit coordinates; the stroke never gets thinner than 1.6 px, so 16 px stays legible. */
function rings(size: number, radius: number): Shape {
  const width = Math.max(0.075, 1.6 / size);
  const left = ring(0.5 - radius * 0.62, 0.5, radius, width);
  const right = ring(0.5 + radius * 0.62, 0.5, radius, width);
  return (x, y) => left(x, y) || right(x, y);
}

/** Coverage of a shape over one pixel, from 4x4 samples, for smooth edges without a graphics library. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      if (shape((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
    }
  }
  return hits / 16;
}

function encode(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** Full colour: white rings on a brand-coloured rounded square, transparent outside it. */
export function drawColorIcon(size: number): Buffer {
  const background = roundedSquare(0.22);
  const motif = rings(size, 0.2);
  return encode(size, (x, y) => {
    const bg = coverage(background, x, y, size);
    const fg = coverage(motif, x, y, size);
    const mix = (c: number) => Math.round(c * (1 - fg) + 255 * fg);
    return [mix(BRAND.r), mix(BRAND.g), mix(BRAND.b), Math.round(255 * bg)];
  });
}

/** Outline: the rings alone, pure white on transparent, as Teams requires of the 32x32 icon. */
export function drawOutlineIcon(size: number): Buffer {
  const motif = rings(size, 0.25);
  return encode(size, (x, y) => [255, 255, 255, Math.round(255 * coverage(motif, x, y, size))]);
}

/** Every icon file, by path relative to manifest/. */
export function drawAllIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>([
    ['color.png', drawColorIcon(192)],
    ['outline.png', drawOutlineIcon(32)],
  ]);
  for (const size of HOSTED_ICON_SIZES) files.set(`icons/icon-${size}.png`, drawColorIcon(size));
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = import.meta.dirname;
  for (const [path, data] of drawAllIcons()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
    console.log(`wrote manifest/${path}`);
  }
}
