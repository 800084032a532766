/**
 * The view transform and every conversion between stage (canvas element) pixels and original image
 * pixels: `stage = image · scale + (x, y)`. The canvas converts pointer input here once; tools only
 * ever see image pixels. Pure functions.
 */
import { imagePx, stagePx, type ImagePx, type StagePx } from '../../shared/geometry/types';

export interface Viewport {
  /** Screen pixels per image pixel. */
  scale: number;
  /** Stage position of the image's top-left corner. */
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export function toImage(v: Viewport, p: StagePx): ImagePx {
  return imagePx((p[0] - v.x) / v.scale, (p[1] - v.y) / v.scale);
}

export function toStage(v: Viewport, p: ImagePx): StagePx {
  return stagePx(p[0] * v.scale + v.x, p[1] * v.scale + v.y);
}

/** Whole image visible and centred, `paddingPx` clear on the tighter side. Empty sizes give scale 1. */
export function fitView(image: Size, stage: Size, paddingPx = 12): Viewport {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = Math.max(1e-3, Math.min((stage.width - 2 * paddingPx) / image.width, (stage.height - 2 * paddingPx) / image.height));
  return { scale, x: (stage.width - image.width * scale) / 2, y: (stage.height - image.height * scale) / 2 };
}

/** Zoom range: from half the fit scale (or 0.05) up to 32 screen px per image px. */
export function scaleLimits(fitScale: number): { min: number; max: number } {
  return { min: Math.min(0.05, fitScale / 2), max: 32 };
}

/** Zooms by `factor` keeping the image point under stage point `at` fixed; the scale is clamped. */
export function zoomAbout(v: Viewport, at: StagePx, factor: number, limits: { min: number; max: number }): Viewport {
  const scale = Math.min(limits.max, Math.max(limits.min, v.scale * factor));
  const k = scale / v.scale;
  return { scale, x: at[0] - (at[0] - v.x) * k, y: at[1] - (at[1] - v.y) * k };
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

/**
 * Wheel delta → zoom factor. Pixel-mode deltas (trackpads) give smooth steps, line/page deltas
 * (mouse wheels in some browsers) a fixed step per notch.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, px)) * 0.0015);
}
