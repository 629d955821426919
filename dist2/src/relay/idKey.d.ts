export declare function idKey(id: Buffer): string;
/** Remembers the key of an id buffer that lives as long as its queue and is never modified. */
export declare function rememberIdKey(id: Buffer): string;
