/**
 * Length hiding (Saltline protocol §5): plaintexts are padded (ISO/IEC 7816-4: 0x80 then zeros)
 * so that every envelope on the wire is exactly one of ENVELOPE_BUCKETS bytes long.
 */
import { InvalidFrameError, MessageTooLargeError } from './errors.js';
import { ENVELOPE_BUCKETS, MAX_ENVELOPE_BYTES } from './limits.js';

/** The largest content that fits when the envelope adds `overhead` bytes around the plaintext. */
export function maxContentBytes(overhead: number): number {
  return MAX_ENVELOPE_BYTES - overhead - 1;
}

export function pad(content: Uint8Array, overhead: number): Buffer {
  const needed = content.length + 1 + overhead;
  const bucket = ENVELOPE_BUCKETS.find((b) => b >= needed);
  if (bucket === undefined) throw new MessageTooLargeError(maxContentBytes(overhead));
  const out = Buffer.alloc(bucket - overhead);
  out.set(content);
  out[content.length] = 0x80;
  return out;
}

export function unpad(padded: Uint8Array): Buffer {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) throw new InvalidFrameError('bad padding');
  return Buffer.from(padded.subarray(0, i));
}
