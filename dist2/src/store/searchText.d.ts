/**
 * Word splitting and normalization for keyword search (issue 3 §6), shared by the blind index and
 * the in-memory store so both match the same way: NFKC, lower case, words of letters and digits,
 * and a query word matches any word it is a prefix of (from 3 characters; shorter ones match whole words).
 */
export declare const MIN_PREFIX = 3;
/** Longer query words are looked up by their first MAX_PREFIX characters and checked after decryption. */
export declare const MAX_PREFIX = 6;
export declare function words(text: string): string[];
/** The index terms of a word: the whole word when short, else its prefixes of MIN_PREFIX..MAX_PREFIX characters. */
export declare function indexTerms(word: string): string[];
/** The single index term a query word is looked up by. */
export declare function queryTerm(word: string): string;
/** Exact check after decryption: every query word is a prefix of (or, when short, equal to) some word. */
export declare function matchesQuery(textWords: readonly string[], queryWords: readonly string[]): boolean;
export declare function bodyText(body: Uint8Array): string;
