// One way to say where a scheduled source stands, for `papertide stats` and the admin page.
import type { SyncStatus } from "../store/syncRuns.ts";

/** "3 h 12 min", "45 s", "2 d 4 h". */
export function formatLag(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatSyncStatus(s: SyncStatus): string {
  const ok = s.lastSuccessAt
    ? `last success ${s.lastSuccessAt} (lag ${formatLag(s.lagSeconds ?? 0)})`
    : "never succeeded";
  const failing =
    s.failures > 0 ? `; failing: ${s.failures} in a row, next try ${s.nextAttemptAt ?? "-"}` : "";
  const error = s.lastError ? `; last error ${s.lastErrorAt}: ${s.lastError}` : "";
  return `sync ${s.source.padEnd(13)} ${ok}${failing}${error}`;
}
