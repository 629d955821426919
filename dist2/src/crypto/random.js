/**
 * Randomness is a dependency, never a global: protocol code takes an `Rng`, so tests can pass a
 * deterministic one (ChaCha20 keystream from a seed) and get reproducible transcripts.
 */
import { InvalidKeyError } from './errors.js';
import { sodium } from './sodium.js';
export const systemRng = (length) => {
    const out = Buffer.alloc(length);
    sodium.randombytes_buf(out);
    return out;
};
/** A reproducible stream for tests and known-answer vectors. Never use it for real keys. */
export function deterministicRng(seed) {
    if (seed.length !== 32)
        throw new InvalidKeyError('deterministic RNG seed must be 32 bytes');
    const key = Buffer.from(seed);
    const nonce = Buffer.alloc(8);
    let counter = 0n;
    return (length) => {
        nonce.writeBigUInt64LE(counter++);
        const out = Buffer.alloc(length);
        if (length > 0)
            sodium.crypto_stream_chacha20(out, nonce, key);
        return out;
    };
}
//# sourceMappingURL=random.js.map