/** Shared helpers for the store tests: temporary profiles with fast Argon2 limits, and a byte scanner for the at-rest checks. */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { createProfile, openProfile } from '../../src/store/lanceStore.js';
export const PASS = 'correct horse battery staple';
export const FAST = { pwhash: PWHASH_LIMITS.min };
export async function tempDir() {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-store-'));
    return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
export async function newProfile(dir, options = {}) {
    return createProfile(join(dir, 'profile'), PASS, { ...FAST, ...options });
}
export async function reopen(dir, options = {}) {
    return openProfile(join(dir, 'profile'), PASS, options);
}
export function conversation(id, title = 'chat') {
    return { id, title, memberIds: ['alice', 'bob'], createdAt: 1, meta: new Uint8Array([1, 2, 3]) };
}
export async function filesUnder(dir) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory())
            out.push(...(await filesUnder(p)));
        else if (entry.isFile())
            out.push(p);
    }
    return out;
}
/** Every file's bytes with its path, for the plaintext scans. */
export async function snapshot(dir) {
    const out = new Map();
    for (const f of await filesUnder(dir)) {
        // A background flush may retire a journal between listing and reading it.
        const bytes = await readFile(f).catch((error) => {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        });
        if (bytes)
            out.set(f, bytes);
    }
    return out;
}
export async function mtimes(dir) {
    const parts = [];
    for (const f of (await filesUnder(dir)).sort())
        parts.push(`${f}:${(await stat(f)).mtimeMs}`);
    return parts.join('\n');
}
/** The obvious encodings of a secret someone would grep for. */
export function encodings(secret) {
    const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    const out = [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('hex').toUpperCase()), Buffer.from(raw.toString('base64')), Buffer.from(raw.toString('base64url'))];
    if (typeof secret === 'string')
        out.push(Buffer.from(secret, 'utf16le'), Buffer.from(secret.toLowerCase()), Buffer.from(secret.toUpperCase()));
    // base64 at the two other alignments, trimmed to the stable middle.
    for (const shift of [1, 2]) {
        const b = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64');
        out.push(Buffer.from(b.slice(4, b.length - 4)));
    }
    return out.filter((b) => b.length >= 6);
}
export function findIn(files, needles) {
    const hits = [];
    for (const [path, bytes] of files)
        for (const n of needles)
            if (bytes.includes(n))
                hits.push(`${path} contains ${JSON.stringify(n.toString('latin1').slice(0, 40))}`);
    return hits;
}
export const text = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
export const str = (b) => Buffer.from(b).toString('utf8');
//# sourceMappingURL=helpers.js.map