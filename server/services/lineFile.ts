/**
 * The lines of a text file, read synchronously in large chunks. Used by the paths that read a million
 * lines (`bopask score`, predictions import) in place of readline's async iterator: that one queues each
 * 64 KB chunk's lines as slices of the chunk and hands them out one await at a time, so lines outlive
 * young-generation collections, get promoted and pile up as old-generation garbage (tens of MB at a
 * million lines, measured), besides a promise per line. Here each line is decoded into its own string
 * and dropped by the caller before the next one is made.
 *
 * Line breaks are readline's (crlfDelay: Infinity): '\n', '\r\n' and a lone '\r'; so line numbers match
 * what an editor and the earlier readers showed. A UTF-8 byte order mark at the start of line 1 is dropped.
 */
import fs from 'node:fs';
import { withoutBom } from './inputFiles';

const LF = 10;
const CR = 13;

/**
 * Yields [line, lineNo] (1-based) for every line of `file`, blank ones included, as UTF-8 (invalid bytes
 * become U+FFFD). A last line without a line break is yielded too; an empty file yields nothing. The
 * buffer grows only to hold a line longer than `chunkBytes`.
 */
export function* readLinesSync(file: string, chunkBytes = 1 << 20): Generator<[string, number]> {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let start = 0; // first byte not yet yielded
    let end = 0; // end of the bytes read
    let lineNo = 0;
    let eof = false;
    for (;;) {
      // Only [start, end) is this file's data: an LF found past `end` is a stale byte.
      let nl = start < end ? buf.indexOf(LF, start) : -1;
      if (nl >= end) nl = -1;
      if (nl < 0 && !eof) {
        // Keep the unfinished line at the front of the buffer and read more after it.
        if (start > 0) {
          buf.copy(buf, 0, start, end);
          end -= start;
          start = 0;
        }
        if (end === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, end);
          buf = bigger;
        }
        const n = fs.readSync(fd, buf, end, buf.length - end, null);
        if (n === 0) eof = true;
        end += n;
        continue;
      }
      if (nl < 0 && start >= end) return;
      const stop = nl < 0 ? end : nl;
      let pieceEnd = stop;
      if (pieceEnd > start && buf[pieceEnd - 1] === CR) pieceEnd--;
      const text = buf.toString('utf8', start, pieceEnd);
      start = nl < 0 ? end : nl + 1;
      // A lone '\r' inside the piece (rare: old Mac files) also breaks lines, as in readline.
      if (text.includes('\r')) {
        const parts = text.split('\r');
        for (const part of parts) yield [withoutBom(part, ++lineNo), lineNo];
      } else {
        yield [withoutBom(text, ++lineNo), lineNo];
      }
      if (nl < 0) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}
