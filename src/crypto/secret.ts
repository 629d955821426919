/**
 * Secret bytes with a role brand (`Secret<'RootKey'>`, …). The bytes are reachable only through
 * `expose()`, are zeroed by `wipe()`, and never show up in `String()`, `JSON.stringify`,
 * `util.inspect` or error messages.
 */
import { inspect } from 'node:util';
import { InvalidKeyError } from './errors.js';
import { sodium } from './sodium.js';

export class Secret<Role extends string> {
  declare private readonly brand: Role;
  readonly role: Role;
  #bytes: Buffer | undefined;

  private constructor(role: Role, bytes: Buffer) {
    this.role = role;
    this.#bytes = bytes;
  }

  /** Takes ownership of `bytes` (no copy): the caller must not keep using the buffer. */
  static adopt<R extends string>(role: R, length: number, bytes: Uint8Array): Secret<R> {
    if (bytes.length !== length) throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new Secret(role, buf);
  }

  /** Copies `bytes`, leaving the caller's buffer untouched (e.g. bytes parsed from a larger blob). */
  static copyOf<R extends string>(role: R, length: number, bytes: Uint8Array): Secret<R> {
    if (bytes.length !== length) throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
    const buf = Buffer.alloc(length);
    buf.set(bytes);
    return new Secret(role, buf);
  }

  get length(): number {
    return this.expose().length;
  }

  get wiped(): boolean {
    return this.#bytes === undefined;
  }

  /** The raw bytes, for the crypto layer and serializers only. Throws once wiped. */
  expose(): Buffer {
    if (this.#bytes === undefined) throw new InvalidKeyError(`${this.role} was already wiped`);
    return this.#bytes;
  }

  clone(): Secret<Role> {
    return Secret.copyOf(this.role, this.length, this.expose());
  }

  wipe(): void {
    if (this.#bytes !== undefined) {
      sodium.sodium_memzero(this.#bytes);
      this.#bytes = undefined;
    }
  }

  toString(): string {
    return `[${this.role}: redacted]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export function wipeAll(...secrets: (Secret<string> | undefined | null)[]): void {
  for (const s of secrets) s?.wipe();
}
