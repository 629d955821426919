/**
 * Strict UTF-8 decoding of untrusted text fields: ill-formed bytes become an `InvalidFrameError`
 * naming the field's record, never replacement characters.
 */
import { InvalidFrameError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeStrictUtf8(b: Uint8Array, what: string): string {
  try {
    return utf8.decode(b);
  } catch {
    throw new InvalidFrameError(`${what}: invalid UTF-8`);
  }
}
