#!/usr/bin/env node
// Draws the app icon: three layer nodes wired into a small graph on a rounded tile. Writes
// build/icon.png (1024 px: electron-builder makes the macOS .icns and the Windows .ico from it)
// and build/icons/<n>x<n>.png for Linux. Run `node scripts/make-icons.mjs` after changing it and
// commit the PNGs.
import { mkdir, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import pngjs from 'pngjs';

const BUILD = fileURLToPath(new URL('../build/', import.meta.url));
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const TILE = [30, 35, 48];
const WIRE = [140, 150, 170];
const NODES = [
  { x: 0.3, y: 0.33, color: [79, 195, 247] },
  { x: 0.3, y: 0.67, color: [129, 199, 132] },
  { x: 0.7, y: 0.5, color: [255, 183, 77] },
];

/** Signed distance to a rounded square of half-size `half` and corner radius `radius`, centred at 0.5. */
function roundedSquare(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - half + radius;
  const qy = Math.abs(y - 0.5) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance to the segment from a to b. */
function segment(x, y, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a.x - t * dx, y - a.y - t * dy);
}

/** The colour and coverage at a point in [0, 1]², painting back to front. */
function shade(x, y) {
  let color = [0, 0, 0];
  let alpha = 0;
  const paint = (rgb, inside) => {
    if (inside) [color, alpha] = [rgb, 1];
  };
  paint(TILE, roundedSquare(x, y, 0.46, 0.11) <= 0);
  const [top, bottom, right] = NODES;
  paint(WIRE, segment(x, y, top, right) <= 0.022 || segment(x, y, bottom, right) <= 0.022);
  for (const node of NODES) {
    paint([255, 255, 255], roundedSquare(x - node.x + 0.5, y - node.y + 0.5, 0.115, 0.04) <= 0);
    paint(node.color, roundedSquare(x - node.x + 0.5, y - node.y + 0.5, 0.095, 0.03) <= 0);
  }
  return { color, alpha };
}

/** Renders at `size` pixels with 4×4 supersampling, so small sizes stay smooth. */
function render(size) {
  const png = new pngjs.PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const { color, alpha } = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let c = 0; c < 3; c++) sum[c] += color[c] * alpha;
          sum[3] += alpha;
        }
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[offset + c] = sum[3] === 0 ? 0 : Math.round(sum[c] / sum[3]);
      png.data[offset + 3] = Math.round((255 * sum[3]) / (samples * samples));
    }
  return pngjs.PNG.sync.write(png);
}

await mkdir(`${BUILD}icons`, { recursive: true });
await writeFile(`${BUILD}icon.png`, render(1024));
for (const size of LINUX_SIZES) await writeFile(`${BUILD}icons/${size}x${size}.png`, render(size));
process.stderr.write(`Wrote build/icon.png and ${LINUX_SIZES.length} Linux icons\n`);
