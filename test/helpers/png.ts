// A minimal PNG decoder for screenshot checks: 8-bit RGB or RGBA, non-interlaced, filter types 0-4.
// Enough for what Chromium's --screenshot writes; anything else is rejected loudly rather than misread.

import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA) bytes per pixel. */
  channels: 3 | 4;
  /** Unfiltered pixel rows, `width * channels` bytes each, top to bottom. */
  pixels: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0;
  let height = 0;
  let channels: 3 | 4 = 4;
  const idat: Buffer[] = [];
  for (let pos = 8; pos < file.length;) {
    const length = file.readUInt32BE(pos);
    const type = file.toString('latin1', pos + 4, pos + 8);
    const data = file.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (bitDepth !== 8) throw new Error(`unsupported PNG bit depth ${bitDepth}`);
      if (colorType !== 2 && colorType !== 6) throw new Error(`unsupported PNG colour type ${colorType}`);
      if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
      channels = colorType === 2 ? 3 : 4;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length; // length, type, data, CRC
  }
  if (!width || !height) throw new Error('PNG has no IHDR');

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x];
      const left = x >= channels ? pixels[dst + x - channels] : 0;
      const up = y > 0 ? pixels[dst - stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[dst - stride + x - channels] : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >> 1;
          break;
        case 4:
          predicted = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`unknown PNG filter type ${filter} on row ${y}`);
      }
      pixels[dst + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** A test for "this pixel is the colour `#rrggbb`, within `tolerance` per channel", by pixel index. */
function colorMatcher(png: DecodedPng, hex: string, tolerance: number): (pixel: number) => boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const p = png.pixels;
  return (pixel) => {
    const i = pixel * png.channels;
    return Math.abs(p[i] - r) <= tolerance && Math.abs(p[i + 1] - g) <= tolerance && Math.abs(p[i + 2] - b) <= tolerance;
  };
}

/** How many pixels are within `tolerance` (per channel) of the colour `#rrggbb`. */
export function countPixels(png: DecodedPng, hex: string, tolerance = 8): number {
  const matches = colorMatcher(png, hex, tolerance);
  let count = 0;
  for (let pixel = 0; pixel < png.width * png.height; pixel++) if (matches(pixel)) count++;
  return count;
}

/** The image row with the most pixels of a colour, and the first and last x of that colour on it. */
export function busiestRow(png: DecodedPng, hex: string, tolerance = 8): { y: number; x0: number; x1: number; count: number } {
  const matches = colorMatcher(png, hex, tolerance);
  let best = { y: -1, x0: -1, x1: -1, count: 0 };
  for (let y = 0; y < png.height; y++) {
    let x0 = -1;
    let x1 = -1;
    let count = 0;
    for (let x = 0; x < png.width; x++) {
      if (!matches(y * png.width + x)) continue;
      if (x0 < 0) x0 = x;
      x1 = x;
      count++;
    }
    if (count > best.count) best = { y, x0, x1, count };
  }
  return best;
}

/** The number of distinct colours (RGB), up to `limit`: a blank page has one or two. */
export function distinctColors(png: DecodedPng, limit = 1000): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.pixels.length && seen.size < limit; i += png.channels) {
    seen.add((png.pixels[i] << 16) | (png.pixels[i + 1] << 8) | png.pixels[i + 2]);
  }
  return seen.size;
}
