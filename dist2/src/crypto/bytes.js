/** Byte helpers: concatenation, constant-time comparison, strict base64url, wiping. */
import { sodium } from './sodium.js';
export function concatBytes(...parts) {
    return Buffer.concat(parts);
}
/** Constant-time equality; unequal lengths compare false without leaking where they differ. */
export function bytesEqual(a, b) {
    if (a.length !== b.length)
        return false;
    if (a.length === 0)
        return true;
    return sodium.sodium_memcmp(a, b);
}
export function wipe(...buffers) {
    for (const b of buffers)
        if (b && b.length > 0)
            sodium.sodium_memzero(b);
}
export function isAllZero(b) {
    return sodium.sodium_is_zero(b);
}
const BASE64URL = /^[A-Za-z0-9_-]*$/;
export function toBase64Url(b) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}
/** Strict base64url: rejects padding, other alphabets and non-canonical trailing bits. */
export function fromBase64Url(s) {
    if (!BASE64URL.test(s) || s.length % 4 === 1)
        return undefined;
    const out = Buffer.from(s, 'base64url');
    return out.toString('base64url') === s ? out : undefined;
}
export function toHex(b) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
//# sourceMappingURL=bytes.js.map