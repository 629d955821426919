/** Shared helpers for the store tests: temporary profiles with fast Argon2 limits, and a byte scanner for the at-rest checks. */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { createProfile, openProfile, type LanceStore } from '../../src/store/lanceStore.js';
import type { Conversation } from '../../src/store/types.js';

export const PASS = 'correct horse battery staple';
export const FAST = { pwhash: PWHASH_LIMITS.min } as const;

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function newProfile(dir: string, options: Parameters<typeof createProfile>[2] = {}): Promise<LanceStore> {
  return createProfile(join(dir, 'profile'), PASS, { ...FAST, ...options });
}

export async function reopen(dir: string, options: Parameters<typeof openProfile>[2] = {}): Promise<LanceStore> {
  return openProfile(join(dir, 'profile'), PASS, options);
}

/** Runs `check` against `store`, closes it, and runs `check` again against the profile reopened (then closes that too). */
export async function checkAcrossReopen(store: LanceStore, dir: string, check: (store: LanceStore) => Promise<void>): Promise<void> {
  await check(store);
  await store.close();
  const again = await reopen(dir);
  try {
    await check(again);
  } finally {
    await again.close();
  }
}

export function conversation(id: string, title = 'chat'): Conversation {
  return { id, title, memberIds: ['alice', 'bob'], createdAt: 1, meta: new Uint8Array([1, 2, 3]) };
}

export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Every file's bytes with its path, for the plaintext scans. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of await filesUnder(dir)) {
    // A background flush may retire a journal between listing and reading it.
    const bytes = await readFile(f).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (bytes) out.set(f, bytes);
  }
  return out;
}

export async function mtimes(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const f of (await filesUnder(dir)).sort()) parts.push(`${f}:${(await stat(f)).mtimeMs}`);
  return parts.join('\n');
}

/** The obvious encodings of a secret someone would grep for. */
export function encodings(secret: string | Uint8Array): Buffer[] {
  const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  const out = [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('hex').toUpperCase()), Buffer.from(raw.toString('base64')), Buffer.from(raw.toString('base64url'))];
  if (typeof secret === 'string') out.push(Buffer.from(secret, 'utf16le'), Buffer.from(secret.toLowerCase()), Buffer.from(secret.toUpperCase()));
  // base64 at the two other alignments, trimmed to the stable middle.
  for (const shift of [1, 2]) {
    const b = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64');
    out.push(Buffer.from(b.slice(4, b.length - 4)));
  }
  return out.filter((b) => b.length >= 6);
}

export function findIn(files: Map<string, Buffer>, needles: readonly Buffer[]): string[] {
  const hits: string[] = [];
  for (const [path, bytes] of files) for (const n of needles) if (bytes.includes(n)) hits.push(`${path} contains ${JSON.stringify(n.toString('latin1').slice(0, 40))}`);
  return hits;
}

export const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
export const str = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
