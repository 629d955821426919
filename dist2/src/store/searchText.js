/**
 * Word splitting and normalization for keyword search (issue 3 §6), shared by the blind index and
 * the in-memory store so both match the same way: NFKC, lower case, words of letters and digits,
 * and a query word matches any word it is a prefix of (from 3 characters; shorter ones match whole words).
 */
export const MIN_PREFIX = 3;
/** Longer query words are looked up by their first MAX_PREFIX characters and checked after decryption. */
export const MAX_PREFIX = 6;
const MAX_WORDS_PER_MESSAGE = 512;
const NOT_ASCII = /[^\p{ASCII}]/u;
export function words(text) {
    const out = new Set();
    // ASCII is its own NFKC form and its letters and digits are [a-z0-9] once lower-cased: a faster path, same result.
    const parts = !NOT_ASCII.test(text) ? text.toLowerCase().split(/[^a-z0-9]+/) : text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u);
    for (const w of parts) {
        if (w.length > 0)
            out.add(w);
        if (out.size >= MAX_WORDS_PER_MESSAGE)
            break;
    }
    return [...out];
}
/** The index terms of a word: the whole word when short, else its prefixes of MIN_PREFIX..MAX_PREFIX characters. */
export function indexTerms(word) {
    const chars = [...word];
    if (chars.length < MIN_PREFIX)
        return [`w:${word}`];
    const out = [];
    for (let k = MIN_PREFIX; k <= Math.min(chars.length, MAX_PREFIX); k++)
        out.push(`p:${chars.slice(0, k).join('')}`);
    return out;
}
/** The single index term a query word is looked up by. */
export function queryTerm(word) {
    const chars = [...word];
    if (chars.length < MIN_PREFIX)
        return `w:${word}`;
    return `p:${chars.slice(0, MAX_PREFIX).join('')}`;
}
/** Exact check after decryption: every query word is a prefix of (or, when short, equal to) some word. */
export function matchesQuery(textWords, queryWords) {
    return queryWords.every((q) => textWords.some((w) => ([...q].length < MIN_PREFIX ? w === q : w.startsWith(q))));
}
export function bodyText(body) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
//# sourceMappingURL=searchText.js.map