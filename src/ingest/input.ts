// Reading import files within the stream limits (src/ingest/limits.ts): gzip is inflated with a
// running check of the total and of the ratio to the compressed bytes read, so a gzip bomb stops
// early; lines are cut from byte chunks, and a line over the limit is skipped without ever being
// built as a string; whole documents are refused past their size limit.
import fs from "node:fs";
import zlib from "node:zlib";
import { count } from "../text/numbers.ts";
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from "./limits.ts";
import { FeedParseError, InputLimitError } from "./parsers/errors.ts";

/** One line of a file (numbered from 1), or the line that was too long, with its first bytes. */
export type Line =
  | { n: number; text: string; skipped?: undefined }
  | { n: number; skipped: number; head: string; text?: undefined };

const HEAD_BYTES = 256;

async function isGzip(file: string): Promise<boolean> {
  const fd = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fd.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fd.close();
  }
}

/** The bytes of a file, transparently gunzipped when it starts with the gzip magic, bounded. */
export async function* readChunks(
  file: string,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): AsyncGenerator<Buffer> {
  const gzip = await isGzip(file);
  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  if (!gzip) {
    try {
      yield* source as AsyncIterable<Buffer>;
    } finally {
      source.destroy();
    }
    return;
  }
  const gunzip = zlib.createGunzip();
  source.on("error", (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let out = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > limits.maxDecompressedBytes) {
        throw new InputLimitError(
          file,
          `decompresses to more than ${count(limits.maxDecompressedBytes)} bytes ` +
            "(PAPERTIDE_IMPORT_MAX_BYTES): stopped reading it",
        );
      }
      if (out > limits.ratioFloorBytes && out > limits.maxRatio * source.bytesRead) {
        throw new InputLimitError(
          file,
          `decompressed ${count(out)} bytes from ${count(source.bytesRead)} compressed, more than ` +
            `${limits.maxRatio} to 1 (PAPERTIDE_IMPORT_MAX_RATIO): stopped reading what looks like a gzip bomb`,
        );
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof FeedParseError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code ?? "";
    if (code.startsWith("Z_"))
      throw new FeedParseError(file, `not a readable gzip file (${(e as Error).message})`);
    throw e;
  } finally {
    source.unpipe(gunzip);
    source.destroy();
    gunzip.destroy();
  }
}

/**
 * The lines of a file (LF or CRLF), numbered. A line longer than `maxLineBytes` comes back as
 * `{ skipped: its length, head: its first bytes }`: its bytes are counted and dropped as they
 * stream past, so it never sits in memory.
 */
export async function* readLines(
  file: string,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): AsyncGenerator<Line> {
  const max = limits.maxLineBytes;
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | null = null; // set while skipping an over-long line
  let n = 0;
  const finish = (): Line => {
    n++;
    let line: Line;
    if (head) {
      line = { n, skipped: size, head: head.toString("utf8") };
    } else {
      const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      const end = size > 0 && buf[size - 1] === 0x0d ? size - 1 : size;
      line = { n, text: buf.toString("utf8", 0, end) };
    }
    parts = [];
    size = 0;
    head = null;
    return line;
  };
  for await (const chunk of readChunks(file, limits)) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (head === null && size + (end - start) > max) {
        head = Buffer.concat([...parts, chunk.subarray(start, Math.min(end, start + HEAD_BYTES))]).subarray(
          0,
          HEAD_BYTES,
        );
        parts = [];
      } else if (head === null && end > start) {
        parts.push(chunk.subarray(start, end));
      }
      size += end - start;
      if (nl === -1) break;
      yield finish();
      start = nl + 1;
    }
  }
  if (size > 0 || head) yield finish();
}

/** Why a line was skipped: for rejections. */
export function overlongLine(
  line: { skipped: number },
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): string {
  return (
    `line is ${count(line.skipped)} bytes, over the limit of ${count(limits.maxLineBytes)} bytes ` +
    "(PAPERTIDE_IMPORT_MAX_LINE_BYTES): skipped unread"
  );
}

/** A whole document (XML, JSON) as text, gunzipped when compressed, within `maxDocumentBytes`. */
export async function readDocument(
  file: string,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<string> {
  const max = limits.maxDocumentBytes;
  const tooLarge = (what: string) =>
    new InputLimitError(
      file,
      `${what}, over the limit of ${count(max)} bytes for one document (PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES)`,
    );
  const { size } = await fs.promises.stat(file);
  if (size > max) throw tooLarge(`is ${count(size)} bytes`);
  const buf = await fs.promises.readFile(file);
  if (!(buf[0] === 0x1f && buf[1] === 0x8b)) return buf.toString("utf8");
  try {
    return zlib.gunzipSync(buf, { maxOutputLength: max }).toString("utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new InputLimitError(
        file,
        `inflates past the limit of ${count(max)} bytes for one document (PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES)`,
      );
    }
    throw new FeedParseError(file, `not a readable gzip file (${(e as Error).message})`);
  }
}
