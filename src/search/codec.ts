// Typed arrays <-> BLOB bytes for the search tables. Little-endian, as every platform Node runs
// on; SQLite may hand back a Buffer at any byte offset, so reads copy when unaligned.
import type { DocTerms } from "./lexicalIndex.ts";

export function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Term ids (Uint32) then packed frequencies (Uint8). */
export function encodeTerms(termIds: Uint32Array, tfs: Uint8Array): Buffer {
  const out = Buffer.alloc(termIds.length * 5);
  out.set(new Uint8Array(termIds.buffer, termIds.byteOffset, termIds.byteLength), 0);
  out.set(tfs, termIds.length * 4);
  return out;
}

export function decodeTerms(bytes: Uint8Array): Pick<DocTerms, "termIds" | "tfs"> {
  const n = Math.floor(bytes.byteLength / 5);
  return { termIds: uint32s(bytes.subarray(0, n * 4)), tfs: bytes.subarray(n * 4, n * 5) };
}

export function uint32s(bytes: Uint8Array): Uint32Array {
  const b = aligned(bytes, 4);
  return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export function float32s(bytes: Uint8Array): Float32Array {
  const b = aligned(bytes, 4);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export function float64s(bytes: Uint8Array): Float64Array {
  const b = aligned(bytes, 8);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
}

export function int8s(bytes: Uint8Array): Int8Array {
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function aligned(bytes: Uint8Array, size: number): Uint8Array {
  return bytes.byteOffset % size === 0 ? bytes : Uint8Array.from(bytes);
}
