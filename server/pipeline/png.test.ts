import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeGray, encodeGray16, encodeGray8 } from './png';

describe('grayscale PNG decoding', () => {
  const w = 37;
  const h = 11;
  const ramp16 = Uint16Array.from({ length: w * h }, (_, i) => (i * 977) % 65536);
  const ramp8 = Uint8Array.from({ length: w * h }, (_, i) => (i * 31) % 256);

  it('reads back 16-bit and 8-bit images exactly', () => {
    expect(Array.from(decodeGray(encodeGray16(w, h, ramp16)).data)).toEqual(Array.from(ramp16));
    expect(Array.from(decodeGray(encodeGray8(w, h, ramp8)).data)).toEqual(Array.from(ramp8));
  });

  it('undoes every filter type pngjs may choose', () => {
    for (const filterType of [0, 1, 2, 3, 4]) {
      const buf = PNG.sync.write({ width: w, height: h, data: Buffer.from(ramp16.buffer) } as PNG,
        { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 16, filterType });
      expect(Array.from(decodeGray(buf).data)).toEqual(Array.from(ramp16));
    }
  });

  it('throws on a truncated file', () => {
    const buf = encodeGray16(w, h, ramp16);
    expect(() => decodeGray(buf.subarray(0, buf.length - 40))).toThrow();
  });
});
