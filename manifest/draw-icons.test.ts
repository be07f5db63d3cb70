import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_DIR } from './app-package.ts';
import { BRAND, drawAllIcons } from './draw-icons.ts';

describe('the Suhde icons', () => {
  it('are committed exactly as draw-icons.ts draws them (run it after changing the drawing)', () => {
    for (const [path, drawn] of drawAllIcons()) {
      expect(readFileSync(join(MANIFEST_DIR, path)).equals(drawn), `manifest/${path} differs from what draw-icons.ts draws`).toBe(true);
    }
  });

  it('draw the brand colour with white rings on the color icon', () => {
    const png = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];
    expect(at(96, 20)).toEqual([BRAND.r, BRAND.g, BRAND.b, 255]); // background above the rings
    expect(at(0, 0)[3]).toBe(0); // rounded corner
    const whiteOnes = Array.from({ length: 192 }, (_, x) => at(x, 96)).filter(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255);
    expect(whiteOnes.length).toBeGreaterThan(20); // the rings cross the middle row
  });
});
