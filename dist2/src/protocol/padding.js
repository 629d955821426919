/**
 * Length hiding (Saltline protocol §5): plaintexts are padded (ISO/IEC 7816-4: 0x80 then zeros)
 * so that every envelope on the wire is exactly one of ENVELOPE_BUCKETS bytes long.
 */
import { InvalidFrameError, MessageTooLargeError } from './errors.js';
import { ENVELOPE_BUCKETS, MAX_ENVELOPE_BYTES } from './limits.js';
/** The largest content that fits when the envelope adds `overhead` bytes around the plaintext. */
export function maxContentBytes(overhead) {
    return MAX_ENVELOPE_BYTES - overhead - 1;
}
/** Length of the padded plaintext for `contentLength` bytes of content. */
export function paddedLength(contentLength, overhead) {
    const needed = contentLength + 1 + overhead;
    const bucket = ENVELOPE_BUCKETS.find((b) => b >= needed);
    if (bucket === undefined)
        throw new MessageTooLargeError(maxContentBytes(overhead));
    return bucket - overhead;
}
/** Pads `content` into `out` (of `paddedLength` bytes), e.g. a view into the envelope being built. */
export function padInto(out, content) {
    if (out.length < content.length + 1)
        throw new RangeError('padding target too small');
    out.set(content);
    out[content.length] = 0x80;
    out.fill(0, content.length + 1);
}
export function pad(content, overhead) {
    const out = Buffer.alloc(paddedLength(content.length, overhead));
    padInto(out, content);
    return out;
}
/** The content of a padded plaintext, as a view into `padded` (no copy). */
export function unpad(padded) {
    let i = padded.length - 1;
    while (i >= 0 && padded[i] === 0)
        i--;
    if (i < 0 || padded[i] !== 0x80)
        throw new InvalidFrameError('bad padding');
    return Buffer.from(padded.buffer, padded.byteOffset, i);
}
//# sourceMappingURL=padding.js.map