import { useCallback, useEffect, useRef, useState } from 'react';
import { stagePx } from '../../shared/geometry/types';
import { fitView, scaleLimits, zoomAbout, type Size, type Viewport } from './viewport';

/**
 * The view transform as React state plus a ref for event handlers. It fits the image when the stage
 * size first becomes known and, until the user zooms or pans, again on every resize.
 */
export function useViewport(containerRef: React.RefObject<HTMLDivElement | null>, image: Size) {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const [view, setViewState] = useState<Viewport>({ scale: 1, x: 0, y: 0 });
  const viewRef = useRef(view);
  const isFitted = useRef(true);

  const setView = useCallback((v: Viewport, isUserChange = true) => {
    if (isUserChange) isFitted.current = false;
    viewRef.current = v;
    setViewState(v);
  }, []);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const r = entry.contentRect;
      setSize({ width: Math.round(r.width), height: Math.round(r.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [containerRef]);

  useEffect(() => {
    if (isFitted.current && size.width > 0) setView(fitView(image, size), false);
  }, [size, image.width, image.height, setView]); // oxlint-disable-line react-hooks/exhaustive-deps -- by value: a new image object of the same size must not refit

  const fit = useCallback(() => {
    isFitted.current = true;
    const v = fitView(image, size);
    viewRef.current = v;
    setViewState(v);
  }, [image.width, image.height, size]); // oxlint-disable-line react-hooks/exhaustive-deps -- by value, as above

  const limits = scaleLimits(fitView(image, size).scale);
  const zoomAtCentre = useCallback(
    (factor: number) => setView(zoomAbout(viewRef.current, stagePx(size.width / 2, size.height / 2), factor, limits)),
    [size, limits.min, limits.max, setView], // oxlint-disable-line react-hooks/exhaustive-deps -- limits is rebuilt each render: by value
  );

  return { size, view, viewRef, setView, fit, limits, zoomAtCentre };
}
