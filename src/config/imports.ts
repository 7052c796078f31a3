// Stream limits of every import (see src/ingest/limits.ts for what each bounds):
//   PAPERTIDE_IMPORT_MAX_LINE_BYTES, PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES, PAPERTIDE_IMPORT_MAX_BYTES,
//   PAPERTIDE_IMPORT_MAX_RATIO; each a whole number above 0, defaults in DEFAULT_STREAM_LIMITS.
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from "../ingest/limits.ts";
import { type Env, wholeNumber } from "./parse.ts";

export function loadImportLimits(env: Env): StreamLimits {
  const d = DEFAULT_STREAM_LIMITS;
  return {
    maxLineBytes: wholeNumber(env, "PAPERTIDE_IMPORT_MAX_LINE_BYTES", d.maxLineBytes),
    maxDocumentBytes: wholeNumber(env, "PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES", d.maxDocumentBytes),
    maxDecompressedBytes: wholeNumber(env, "PAPERTIDE_IMPORT_MAX_BYTES", d.maxDecompressedBytes),
    maxRatio: wholeNumber(env, "PAPERTIDE_IMPORT_MAX_RATIO", d.maxRatio),
    ratioFloorBytes: d.ratioFloorBytes,
  };
}
