/**
 * Secret bytes with a role brand (`Secret<'RootKey'>`, …). The bytes are reachable only through
 * `expose()`, are zeroed by `wipe()`, and never show up in `String()`, `JSON.stringify`,
 * `util.inspect` or error messages.
 */
import { inspect } from 'node:util';
export declare class Secret<Role extends string> {
    #private;
    private readonly brand;
    readonly role: Role;
    private constructor();
    /** Takes ownership of `bytes` (no copy): the caller must not keep using the buffer. */
    static adopt<R extends string>(role: R, length: number, bytes: Uint8Array): Secret<R>;
    /** Copies `bytes`, leaving the caller's buffer untouched (e.g. bytes parsed from a larger blob). */
    static copyOf<R extends string>(role: R, length: number, bytes: Uint8Array): Secret<R>;
    get length(): number;
    get wiped(): boolean;
    /** The raw bytes, for the crypto layer and serializers only. Throws once wiped. */
    expose(): Buffer;
    clone(): Secret<Role>;
    wipe(): void;
    toString(): string;
    toJSON(): string;
    [inspect.custom](): string;
}
export declare function wipeAll(...secrets: (Secret<string> | undefined | null)[]): void;
