/**
 * PNG encoding/decoding through pngjs: 8-bit RGB images, 8-bit masks and BOP's 16-bit depth images.
 * A low deflate level keeps synthesis fast; the files stay reasonably small because the scenes are flat.
 */
import { PNG } from 'pngjs';

// One fixed filter instead of pngjs's per-row search of all five: several times faster, and the
// scenes are flat enough that Sub/None filters compress well.
const FAST = { deflateLevel: 3, filterType: 1 };

export function encodeRgb(width: number, height: number, rgb: Uint8Array): Buffer {
  return PNG.sync.write({ width, height, data: Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength) } as PNG,
    { colorType: 2, inputColorType: 2, inputHasAlpha: false, ...FAST });
}

export function encodeGray8(width: number, height: number, gray: Uint8Array): Buffer {
  return PNG.sync.write({ width, height, data: Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength) } as PNG,
    { colorType: 0, inputColorType: 0, inputHasAlpha: false, ...FAST, filterType: 0 });
}

export function encodeGray16(width: number, height: number, values: Uint16Array): Buffer {
  return PNG.sync.write({ width, height, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength) } as PNG,
    { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 16, ...FAST });
}

export interface GrayImage {
  width: number;
  height: number;
  /** One value per pixel, as stored (16-bit depth units or 8-bit mask values). */
  data: Uint16Array | Uint8Array;
}

/** Decodes a grayscale PNG (8 or 16 bit) to one channel, unscaled. Throws pngjs's error on bad data. */
export function decodeGray(buf: Buffer): GrayImage {
  const png = PNG.sync.read(buf, { skipRescale: true });
  const n = png.width * png.height;
  const src = png.data as unknown as ArrayLike<number>;
  const channels = src.length / n;
  const out = png.depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i * channels];
  return { width: png.width, height: png.height, data: out };
}
