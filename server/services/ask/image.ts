/**
 * The image sent with a question: the file's own bytes, or with `maxSide` a copy resized so that its
 * longer side is at most `maxSide` pixels (sharp, same format for PNG and JPEG, PNG otherwise).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';
import { imageSize } from 'image-size';

export interface SentImage {
  /** `data:<mime>;base64,…`, the form every OpenAI-compatible server accepts for an inline image. */
  dataUrl: string;
  width: number;
  height: number;
  /** Original size ÷ sent size, per axis: multiply the reply's points by these. */
  scaleX: number;
  scaleY: number;
}

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.tif': 'image/tiff', '.tiff': 'image/tiff' };

/** The sent size for an image of `width`×`height` whose longer side may be at most `maxSide` (never enlarged). */
export function sentSize(width: number, height: number, maxSide: number | undefined): { width: number; height: number } {
  const scale = maxSide === undefined ? 1 : Math.min(1, maxSide / Math.max(width, height));
  if (scale === 1) return { width, height };
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function prepareImage(path: string, maxSide: number | undefined): Promise<SentImage> {
  const bytes = await readFile(path);
  const size = imageSize(bytes);
  const [width, height] = [size.width, size.height];
  const sent = sentSize(width, height, maxSide);
  const mime = MIME[extname(path).toLowerCase()] ?? 'image/png';
  if (sent.width === width && sent.height === height) {
    return { dataUrl: `data:${mime};base64,${bytes.toString('base64')}`, width, height, scaleX: 1, scaleY: 1 };
  }
  const resized = sharp(bytes).resize(sent.width, sent.height, { fit: 'fill' });
  const isJpeg = mime === 'image/jpeg';
  const out = await (isJpeg ? resized.jpeg({ quality: 92 }) : resized.png()).toBuffer();
  return {
    dataUrl: `data:${isJpeg ? 'image/jpeg' : 'image/png'};base64,${out.toString('base64')}`,
    width: sent.width, height: sent.height, scaleX: width / sent.width, scaleY: height / sent.height,
  };
}
