import { useEffect, useState } from 'react';

export interface LoadedImage {
  /**
   * Full-resolution pixels as an ImageBitmap (the magnifier and zoomed-in views read from it): a
   * bitmap stays decoded, whereas the browser may drop an <img>'s decoded pixels and decode a 4K
   * photo again on the next draw (a half-second hitch).
   */
  full: ImageBitmap;
  /** Mip levels: level k is the image halved k times (level 0 = full). */
  levels: CanvasImageSource[];
  /** performance.now() when the pixels were decoded. */
  decodedAt: number;
}

/** Smallest level kept: below this many pixels on the long side a further halving buys nothing. */
const MIN_LEVEL_PX = 512;

/**
 * Halved copies, so a 4K photo shown at a third of its size is drawn from a ~1280 px bitmap: drawing a
 * 8-megapixel image scaled down on every pan frame is what makes 4K panning stutter on software raster.
 */
function buildLevels(img: ImageBitmap): CanvasImageSource[] {
  const levels: CanvasImageSource[] = [img];
  let src: CanvasImageSource = img;
  let w = img.width, h = img.height;
  while (Math.max(w, h) / 2 >= MIN_LEVEL_PX) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx) break;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(src, 0, 0, w, h);
    levels.push(c);
    src = c;
  }
  return levels;
}

/** Index of the level to draw at `scale` screen px per image px (never upsampling a level). */
export function pickLevel(levelCount: number, scale: number, devicePixelRatio: number): number {
  const s = scale * devicePixelRatio;
  if (!(s > 0) || s >= 1) return 0;
  return Math.max(0, Math.min(levelCount - 1, Math.floor(Math.log2(1 / s))));
}

export function useImage(url: string): { image: LoadedImage | null; error: string | null } {
  const [state, setState] = useState<{ image: LoadedImage | null; error: string | null }>({ image: null, error: null });
  useEffect(() => {
    let isLive = true;
    performance.mark('canvas:image-requested');
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    img
      .decode()
      .then(() => createImageBitmap(img))
      .then((full) => {
        if (isLive) setState({ image: { full, levels: buildLevels(full), decodedAt: performance.now() }, error: null });
        else full.close();
      })
      .catch(() => {
        if (isLive) setState({ image: null, error: `could not load the image ${url}` });
      });
    return () => {
      isLive = false;
    };
  }, [url]);
  return state;
}
