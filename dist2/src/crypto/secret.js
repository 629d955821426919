/**
 * Secret bytes with a role brand (`Secret<'RootKey'>`, …). The bytes are reachable only through
 * `expose()`, are zeroed by `wipe()`, and never show up in `String()`, `JSON.stringify`,
 * `util.inspect` or error messages.
 */
import { inspect } from 'node:util';
import { InvalidKeyError } from './errors.js';
import { sodium } from './sodium.js';
export class Secret {
    role;
    #bytes;
    constructor(role, bytes) {
        this.role = role;
        this.#bytes = bytes;
    }
    /** Takes ownership of `bytes` (no copy): the caller must not keep using the buffer. */
    static adopt(role, length, bytes) {
        if (bytes.length !== length)
            throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
        const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        return new Secret(role, buf);
    }
    /** Copies `bytes`, leaving the caller's buffer untouched (e.g. bytes parsed from a larger blob). */
    static copyOf(role, length, bytes) {
        if (bytes.length !== length)
            throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
        const buf = Buffer.alloc(length);
        buf.set(bytes);
        return new Secret(role, buf);
    }
    get length() {
        return this.expose().length;
    }
    get wiped() {
        return this.#bytes === undefined;
    }
    /** The raw bytes, for the crypto layer and serializers only. Throws once wiped. */
    expose() {
        if (this.#bytes === undefined)
            throw new InvalidKeyError(`${this.role} was already wiped`);
        return this.#bytes;
    }
    clone() {
        return Secret.copyOf(this.role, this.length, this.expose());
    }
    wipe() {
        if (this.#bytes !== undefined) {
            sodium.sodium_memzero(this.#bytes);
            this.#bytes = undefined;
        }
    }
    toString() {
        return `[${this.role}: redacted]`;
    }
    toJSON() {
        return this.toString();
    }
    [inspect.custom]() {
        return this.toString();
    }
}
export function wipeAll(...secrets) {
    for (const s of secrets)
        s?.wipe();
}
//# sourceMappingURL=secret.js.map