import { useEffect, useState, type RefObject } from 'react';

/** The element's content size in CSS pixels, kept up to date (0×0 until it is laid out). */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === Math.floor(width) && s.height === Math.floor(height) ? s : { width: Math.floor(width), height: Math.floor(height) }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Scale and offset that fit a `w`×`h` image centred in `box`. */
export function fitImage(box: { width: number; height: number }, w: number, h: number) {
  const scale = box.width > 0 && box.height > 0 ? Math.min(box.width / w, box.height / h) : 0;
  return { scale, x: Math.round((box.width - w * scale) / 2), y: Math.round((box.height - h * scale) / 2) };
}
