/**
 * A progress bar on standard error for long runs: drawn only on a terminal and only once a run has lasted
 * more than a second, so short runs and piped logs stay clean.
 */
export class Progress {
  private readonly start = Date.now();
  private lastDraw = 0;

  constructor(private readonly label: string, private readonly isEnabled = process.stderr.isTTY === true) {}

  update(done: number, total: number, extra = ''): void {
    const now = Date.now();
    if (!this.isEnabled || now - this.start < 1000 || (now - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((width * done) / Math.max(1, total));
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    process.stderr.write(`\r${this.label} [${bar}] ${done}/${total} ${extra}`);
  }

  finish(message: string): void {
    if (this.isEnabled && Date.now() - this.start >= 1000) process.stderr.write('\n');
    process.stderr.write(`${message}\n`);
  }
}
