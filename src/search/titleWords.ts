// The words of all titles, for search-as-you-type: which words start with what the user is
// typing (most frequent first), and which known words are one typo away from a word. Only the
// set of words is kept; how frequent a word is comes from the title index (`count`).

export class TitleWords {
  private readonly known = new Set<string>();
  private sorted: string[] = [];
  /** Words added since `sorted` was built; merged in once there are enough of them. */
  private recent: string[] = [];

  /** @param count how many titles a word is in (read from the title index) */
  constructor(readonly count: (word: string) => number) {}

  add(word: string): void {
    if (this.known.has(word)) return;
    this.known.add(word);
    this.recent.push(word);
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** Up to `limit` known words starting with `prefix`, most frequent first. */
  withPrefix(prefix: string, limit: number): string[] {
    this.mergeRecent();
    const found: string[] = [];
    for (
      let i = lowerBound(this.sorted, prefix);
      i < this.sorted.length && this.sorted[i].startsWith(prefix);
      i++
    ) {
      found.push(this.sorted[i]);
    }
    for (const w of this.recent) if (w.startsWith(prefix)) found.push(w);
    if (found.length <= limit) return found.sort((a, b) => this.count(b) - this.count(a));
    // Keep the `limit` most frequent without sorting a long list (a one-letter prefix).
    return found
      .map((w) => [w, this.count(w)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([w]) => w);
  }

  /** Is some known word starting with this prefix? */
  hasPrefix(prefix: string): boolean {
    this.mergeRecent();
    const i = lowerBound(this.sorted, prefix);
    return (
      (i < this.sorted.length && this.sorted[i].startsWith(prefix)) ||
      this.recent.some((w) => w.startsWith(prefix))
    );
  }

  /** Sorts the recent words in (done after a load; otherwise once enough have piled up). */
  compact(): void {
    if (this.recent.length === 0) return;
    this.sorted = this.sorted.concat(this.recent).sort();
    this.recent = [];
  }

  private mergeRecent(): void {
    if (this.recent.length >= 2000) this.compact();
  }
}

function lowerBound(a: string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Every string one edit (delete, transpose, replace, insert; Damerau) from `w`, over a–z0–9. */
export function oneEditAway(w: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    const head = w.slice(0, i);
    const tail = w.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail && c !== tail[0]) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(w);
  return [...out];
}
