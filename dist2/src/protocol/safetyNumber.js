/**
 * Safety numbers (Saltline protocol §4), after Signal's numeric fingerprints: each identity key
 * is hashed 5,200 times with SHA-512 into 30 digits; the two halves are ordered so both sides
 * see the same 60 digits. The QR payload carries both 32-byte fingerprints, so a scan compares
 * exact keys, not just digits.
 */
import { bytesEqual, sha512 } from '../crypto/index.js';
import { LABELS } from './labels.js';
const ITERATIONS = 5200;
const QR_VERSION = 1;
function fingerprint(identityKey) {
    let digest = sha512(Buffer.concat([LABELS.safetyNumber, identityKey]));
    for (let i = 0; i < ITERATIONS; i++)
        digest = sha512(Buffer.concat([digest, identityKey]));
    return digest.subarray(0, 32);
}
function digits(fp) {
    let out = '';
    for (let i = 0; i < 30; i += 5) {
        const chunk = fp.readUIntBE(i, 5) % 100000;
        out += chunk.toString().padStart(5, '0');
    }
    return out;
}
export function safetyNumber(ours, theirs) {
    const a = fingerprint(ours);
    const b = fingerprint(theirs);
    const [first, second] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
    const all = digits(first) + digits(second);
    return {
        digits: all,
        groups: all.match(/\d{5}/g) ?? [],
        qrPayload: Buffer.concat([Buffer.of(QR_VERSION), first, second]),
    };
}
/** True when a scanned QR payload matches the safety number computed here for the same pair. */
export function safetyQrMatches(local, scanned) {
    return bytesEqual(local.qrPayload, scanned);
}
//# sourceMappingURL=safetyNumber.js.map