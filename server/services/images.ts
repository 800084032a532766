/**
 * Dataset images are served by a random key per image (/img/<key>), never by their dataset path:
 * the path names the public BOP frame (and so its published labels), and serving only what the
 * questions table lists means nothing else under IMAGES_DIR (the database, a dataset file) is reachable.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { questions } from '../db/schema';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export const newImageKey = (): string => randomBytes(12).toString('hex');

/** The URL a page uses for a question's image. */
export function imageUrl(imageKey: string): string {
  return `/img/${imageKey}`;
}

/**
 * Serves GET /img/<key> from `imagesDir`; answers 404 for an unknown key or a missing file. The file's
 * real path (symlinks resolved) must lie inside the real images folder: a link in the store that
 * points elsewhere (re-pointed after import, say at /etc/hostname) serves nothing.
 */
export function serveImage(db: Db, imagesDir: string, key: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const row = /^[0-9a-f]{24}$/.test(key)
    ? db.select({ image: questions.image }).from(questions).where(eq(questions.imageKey, key)).limit(1).get()
    : undefined;
  const file = row && path.resolve(imagesDir, row.image);
  const type = file && CONTENT_TYPES[path.extname(file).toLowerCase()];
  const notFound = () => res.writeHead(404, { 'content-type': 'text/plain' }).end('image not found\n');
  if (!file || !type) return void notFound();
  Promise.all([fs.promises.realpath(imagesDir), fs.promises.realpath(file)]).then(
    ([root, real]) => {
      if (!real.startsWith(root + path.sep)) return void notFound();
      // Opened once by its real path, so what was checked is what is sent.
      fs.stat(real, (err, stat) => {
        if (err || !stat.isFile()) return void notFound();
        // A key always names the same bytes (import refuses a different file under a taken path).
        res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'private, max-age=86400, immutable' });
        if (req.method === 'HEAD') res.end();
        else fs.createReadStream(real).pipe(res);
      });
    },
    () => notFound(),
  );
}
