/**
 * PNG encoding/decoding through pngjs: 8-bit RGB images, 8-bit masks and BOP's 16-bit depth images.
 * A low deflate level keeps synthesis fast; the files stay reasonably small because the scenes are flat.
 */
import { endianness } from 'node:os';
import { inflateSync } from 'node:zlib';
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

/**
 * Decodes a grayscale PNG (8 or 16 bit) to one channel, unscaled. Plain non-interlaced grayscale, what
 * BOP's depth and mask files are, takes a direct path (inflate + unfilter, no RGBA expansion), several
 * times faster than pngjs; anything else goes through pngjs. Throws on broken or truncated data.
 */
export function decodeGray(buf: Buffer): GrayImage {
  return decodePlainGray(buf) ?? decodeWithPngjs(buf);
}

function decodeWithPngjs(buf: Buffer): GrayImage {
  const png = PNG.sync.read(buf, { skipRescale: true });
  const n = png.width * png.height;
  const src = png.data as unknown as ArrayLike<number>;
  const channels = src.length / n;
  const out = png.depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i * channels];
  return { width: png.width, height: png.height, data: out };
}

const IS_LITTLE_ENDIAN = endianness() === 'LE';
const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** undefined when the file is not plain grayscale (then pngjs handles it). */
function decodePlainGray(buf: Buffer): GrayImage | undefined {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const [width, height, depth, colorType, interlace] = [buf.readUInt32BE(16), buf.readUInt32BE(20), buf[24], buf[25], buf[28]];
  if (colorType !== 0 || interlace !== 0 || (depth !== 8 && depth !== 16)) return undefined;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 8 <= buf.length;) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + len > buf.length) throw new Error(`chunk ${type} runs past the end of the file`);
    if (type === 'IDAT') idat.push(buf.subarray(pos + 8, pos + 8 + len));
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = depth / 8;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new Error(`image data too short (${raw.length} of ${(stride + 1) * height} bytes)`);
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) unfilterRow(raw, y * (stride + 1), px, y * stride, stride, bpp, y > 0);
  if (depth === 8) return { width, height, data: px };
  if (IS_LITTLE_ENDIAN) {
    // PNG stores 16-bit samples big-endian: a native byte swap turns the bytes into this machine's order.
    Buffer.from(px.buffer, px.byteOffset, px.byteLength).swap16();
    return { width, height, data: new Uint16Array(px.buffer, px.byteOffset, width * height) };
  }
  const out = new Uint16Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = (px[2 * i] << 8) | px[2 * i + 1];
  return { width, height, data: out };
}

/**
 * Undoes one row's PNG filter in place into `px`. One loop per filter type (no per-byte branching or
 * allocation): this is the hot loop of reading depth and masks, several times faster than a generic loop.
 */
function unfilterRow(raw: Uint8Array, at: number, px: Uint8Array, o: number, stride: number, bpp: number, hasUp: boolean): void {
  const filter = raw[at];
  const src = at + 1;
  const up = o - stride;
  switch (filter) {
    case 0:
      px.set(raw.subarray(src, src + stride), o);
      return;
    case 1:
      if (bpp === 2 && stride % 2 === 0) {
        // 16-bit depth (synthetic depth is Sub-filtered): the two byte lanes run in registers.
        let [hi, lo] = [raw[src], raw[src + 1]];
        px[o] = hi;
        px[o + 1] = lo;
        for (let i = 2; i < stride; i += 2) {
          hi = (raw[src + i] + hi) & 255;
          lo = (raw[src + i + 1] + lo) & 255;
          px[o + i] = hi;
          px[o + i + 1] = lo;
        }
        return;
      }
      for (let i = 0; i < bpp; i++) px[o + i] = raw[src + i];
      for (let i = bpp; i < stride; i++) px[o + i] = (raw[src + i] + px[o + i - bpp]) & 255;
      return;
    case 2:
      if (!hasUp) px.set(raw.subarray(src, src + stride), o);
      else for (let i = 0; i < stride; i++) px[o + i] = (raw[src + i] + px[up + i]) & 255;
      return;
    case 3:
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? px[o + i - bpp] : 0;
        const b = hasUp ? px[up + i] : 0;
        px[o + i] = (raw[src + i] + ((a + b) >> 1)) & 255;
      }
      return;
    case 4:
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? px[o + i - bpp] : 0;
        const b = hasUp ? px[up + i] : 0;
        const c = hasUp && i >= bpp ? px[up + i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        px[o + i] = (raw[src + i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255;
      }
      return;
    default:
      throw new Error(`unknown filter type ${filter}`);
  }
}
