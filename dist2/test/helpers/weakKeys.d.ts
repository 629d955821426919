export interface NamedKey {
    readonly name: string;
    readonly bytes: Buffer;
}
/** The 7 blocklisted u-coordinates and their 7 high-bit-set variants. */
export declare const WEAK_X25519_KEYS: readonly NamedKey[];
/** Ed25519 encodings of points of order 1, 2, 4 and 8. */
export declare const SMALL_ORDER_ED25519_KEYS: readonly NamedKey[];
