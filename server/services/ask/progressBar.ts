/**
 * The progress bar of `bopask ask` on standard error: done/total, rate and ETA, failures so far. On a
 * terminal it is redrawn in place (at most every 200 ms); in a log (Slurm, CI, a pipe) it is one line
 * every `logEveryMs`, so long runs still say where they are without flooding the log.
 */
export interface ProgressBarOptions {
  total: number;
  isTty?: boolean;
  logEveryMs?: number;
  write?: (s: string) => void;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** "[#####---------] 120/700 17% 3.2 q/s ETA 3m01s, 2 failed" for `done` answers after `elapsedS` seconds. */
export function progressLine(done: number, total: number, elapsedS: number, failed: number, width = 24): string {
  const frac = total === 0 ? 1 : done / total;
  const filled = Math.round(width * frac);
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  const tail = failed > 0 ? `, ${failed} failed` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${Math.floor(100 * frac)}% ` +
    `${rate.toFixed(rate < 10 ? 2 : 1)} q/s ETA ${done === total ? '0s' : formatDuration(eta)}${tail}`;
}

export class ProgressBar {
  private readonly start: number;
  private last = -Infinity;
  private readonly isTty: boolean;
  private readonly write: (s: string) => void;
  private readonly now: () => number;

  constructor(private readonly label: string, private readonly opts: ProgressBarOptions) {
    this.isTty = opts.isTty ?? process.stderr.isTTY === true;
    this.write = opts.write ?? ((s) => process.stderr.write(s));
    this.now = opts.now ?? (() => Date.now());
    this.start = this.now();
  }

  update(done: number, failed: number): void {
    const t = this.now();
    if (t - this.last < (this.isTty ? 200 : (this.opts.logEveryMs ?? 10_000))) return;
    this.last = t;
    const line = `${this.label} ${progressLine(done, this.opts.total, (t - this.start) / 1000, failed)}`;
    this.write(this.isTty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  /** The last state, always drawn, ending the line. */
  finish(done: number, failed: number): void {
    const line = `${this.label} ${progressLine(done, this.opts.total, (this.now() - this.start) / 1000, failed)}`;
    this.write(this.isTty ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
