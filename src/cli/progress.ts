// A one-line progress display for long imports: count, rate and ETA. Silent when stderr is not a
// terminal, so logs and pipes stay clean.

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    /** Expected total, when known (for the bar and ETA). */
    private readonly total: number | null,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.stream = stream;
    this.enabled = Boolean(stream.isTTY);
  }

  private readonly stream: NodeJS.WriteStream;

  update(done: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / secs;
    let line = `${this.label} ${done.toLocaleString("en")}`;
    if (this.total) {
      const frac = Math.min(done / this.total, 1);
      const width = 24;
      const filled = Math.round(frac * width);
      const eta = rate > 0 ? Math.max(0, (this.total - done) / rate) : 0;
      line = `${this.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ${done.toLocaleString("en")}/${this.total.toLocaleString("en")} ETA ${formatSeconds(eta)}`;
    }
    line += ` · ${Math.round(rate).toLocaleString("en")} papers/s`;
    this.stream.write(`\r\x1b[2K${line}`);
  }

  done(): void {
    if (this.enabled) this.stream.write("\r\x1b[2K");
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}
