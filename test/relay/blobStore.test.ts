/**
 * The relay's blob store (issue 8 item 1): both backends keep the contract (quota, hard limits,
 * first write wins, typed errors, expiry), the file store survives a reopen with exactly the
 * durable chunks, and over a real socket the blob commands answer with typed errors that leave the
 * connection usable (SECURITY-TESTS #18).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { generateSigningKeyPair } from '../../src/crypto/sign.js';
import { decodeBlobCommandBody, encodeBlobCommandBody, MAX_BLOB_CHUNK_BYTES, MAX_BLOB_FRAME_BYTES } from '../../src/protocol/relayWire/blobWire.js';
import { RelayWireError } from '../../src/protocol/relayWire/wireError.js';
import { encodeUnsignedCommand, type Reply } from '../../src/protocol/relayWire/frames.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { blobKey, BlobStoreError, type BlobLimits, type BlobRecord, type BlobStore } from '../../src/relay/blobStore.js';
import { FileBlobStore } from '../../src/relay/fileBlobStore.js';
import { MemoryBlobStore } from '../../src/relay/memoryBlobStore.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { RawClient } from './rawClient.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'saltline-blobs-'));
  dirs.push(d);
  return d;
}

function record(size: number, chunkCount: number, createdAt = Date.now(), once = false): BlobRecord & { putId: Buffer; getId: Buffer } {
  const putId = systemRng(24);
  const getId = systemRng(24);
  return { putId, getId, putKey: blobKey(putId), getKey: blobKey(getId), uploaderKey: generateSigningKeyPair(systemRng).publicKey, size, chunkCount, createdAt, once };
}

async function rejects(p: Promise<unknown>, reason: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof BlobStoreError && e.reason === reason);
}

const backends: [string, (limits: Partial<BlobLimits>) => Promise<BlobStore>][] = [
  ['memory', (limits) => Promise.resolve(new MemoryBlobStore(limits))],
  ['file', async (limits) => FileBlobStore.open(await tempDir(), limits)],
];

for (const [name, open] of backends) {
  test(`${name} blob store: chunks round-trip, first write wins, status reports what is stored`, async () => {
    const store = await open({});
    const r = record(30, 3);
    await store.create(r);
    const seen: number[] = [];
    store.onChunk((getKey, i) => getKey === r.getKey && seen.push(i));
    await store.putChunk(r.putKey, 1, Buffer.alloc(10, 1));
    await store.putChunk(r.putKey, 1, Buffer.alloc(10, 9));
    assert.deepEqual(await store.getChunk(r.getKey, 1), Buffer.alloc(10, 1), 'a stored chunk never changes');
    assert.equal(await store.getChunk(r.getKey, 0), undefined);
    const st = store.status(r.getKey)!;
    assert.equal(st.storedBytes, 10);
    assert.equal(st.bitmap[0], 0b010);
    assert.deepEqual(seen, [1]);
    assert.equal(store.byGetKey(r.putKey), undefined, 'the put id is not a download capability');
    assert.equal(store.byPutKey(r.getKey), undefined, 'the get id is not an upload capability');
    await store.close();
  });

  test(`${name} blob store: typed errors for unknown blobs, bad indexes, oversized chunks, overruns and quota`, async () => {
    const store = await open({ maxBlobBytes: 100, maxTotalBytes: 150, maxBlobs: 3, maxChunkBytes: 40 });
    const r = record(100, 3);
    await store.create(r);
    await rejects(store.putChunk(blobKey(systemRng(24)), 0, Buffer.alloc(1)), 'NO_BLOB');
    await rejects(store.putChunk(r.putKey, 3, Buffer.alloc(1)), 'BAD_CHUNK');
    await rejects(store.putChunk(r.putKey, 0, Buffer.alloc(41)), 'CHUNK_TOO_LARGE');
    await store.putChunk(r.putKey, 0, Buffer.alloc(40));
    await store.putChunk(r.putKey, 1, Buffer.alloc(40));
    await rejects(store.putChunk(r.putKey, 2, Buffer.alloc(21)), 'BAD_CHUNK');
    await rejects(store.create(record(101, 3)), 'BLOB_QUOTA');
    await rejects(store.create(record(60, 2)), 'BLOB_QUOTA');
    await store.create(record(50, 2));
    await store.create(record(0, 1));
    await rejects(store.create(record(0, 1)), 'BLOB_QUOTA');
    assert.equal(store.stats().blobs, 3);
    assert.equal(await store.delete(r.putKey), true);
    assert.equal(await store.delete(r.putKey), false);
    await store.create(record(60, 2));
    await store.close();
  });

  test(`${name} blob store: expiry deletes old blobs and frees their quota`, async () => {
    const store = await open({ maxTotalBytes: 100 });
    const old = record(100, 1, 1_000);
    await store.create(old);
    await store.putChunk(old.putKey, 0, Buffer.alloc(100));
    await rejects(store.create(record(1, 1)), 'BLOB_QUOTA');
    assert.equal(await store.expire(2_000), 1);
    assert.equal(store.byGetKey(old.getKey), undefined);
    assert.equal(await store.getChunk(old.getKey, 0), undefined);
    await store.create(record(100, 1));
    await store.close();
  });
}

test('file blob store: a reopen finds exactly the durable chunks; leftovers of a crash are removed; no ids on disk', async () => {
  const dir = await tempDir();
  const store = await FileBlobStore.open(dir);
  const r = record(30, 3);
  await store.create(r);
  await store.putChunk(r.putKey, 0, Buffer.alloc(10, 7));
  await store.putChunk(r.putKey, 2, Buffer.alloc(10, 8));
  await store.close();
  // What a kill -9 can leave: a half-written chunk and a blob folder without its meta file.
  await writeFile(join(dir, 'blobs', r.getKey, '1.tmp'), Buffer.alloc(5));
  await mkdir(join(dir, 'blobs', 'a'.repeat(64)));
  const again = await FileBlobStore.open(dir);
  const st = again.status(r.getKey)!;
  assert.equal(st.storedBytes, 20);
  assert.equal(st.bitmap[0], 0b101);
  assert.deepEqual(await again.getChunk(r.getKey, 2), Buffer.alloc(10, 8));
  assert.deepEqual((await readdir(join(dir, 'blobs'))).sort(), [r.getKey]);
  assert.deepEqual((await readdir(join(dir, 'blobs', r.getKey))).sort(), ['0', '2', 'meta']);
  const names = (await readdir(join(dir, 'blobs'), { recursive: true })).join(' ');
  for (const id of [r.putId, r.getId]) assert.ok(!names.includes(id.toString('hex')), 'folder names are hashes, not ids');
  await again.close();
});

test('file blob store: a single-reader blob stays one across a reopen; one stored before the flag existed is not', async () => {
  const dir = await tempDir();
  const store = await FileBlobStore.open(dir);
  const single = record(10, 1, Date.now(), true);
  const shared = record(10, 1, Date.now(), false);
  await store.create(single);
  await store.create(shared);
  await store.close();
  let again = await FileBlobStore.open(dir);
  assert.equal(again.byGetKey(single.getKey)?.once, true);
  assert.equal(again.byGetKey(shared.getKey)?.once, false);
  await again.close();
  const metaPath = join(dir, 'blobs', single.getKey, 'meta');
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as Record<string, unknown>;
  delete meta.once;
  await writeFile(metaPath, JSON.stringify(meta));
  again = await FileBlobStore.open(dir);
  assert.equal(again.byGetKey(single.getKey)?.once, false, 'kept until it expires');
  await again.close();
});

test('blob wire: the BNEW once flag round-trips, and a flag other than 0 or 1 is malformed', () => {
  const uploaderKey = generateSigningKeyPair(systemRng).publicKey;
  for (const once of [true, false]) {
    const body = encodeBlobCommandBody({ kind: 'BNEW', uploaderKey, size: 10, chunkCount: 1, once });
    const back = decodeBlobCommandBody('BNEW', body);
    assert.equal(back.kind === 'BNEW' && back.once, once);
  }
  const bad = encodeBlobCommandBody({ kind: 'BNEW', uploaderKey, size: 10, chunkCount: 1, once: true });
  bad[bad.length - 1] = 2;
  assert.throws(() => decodeBlobCommandBody('BNEW', bad), (e: unknown) => e instanceof RelayWireError && e.relayCode === 'MALFORMED');
  assert.throws(() => decodeBlobCommandBody('BNEW', bad.subarray(0, bad.length - 1)), (e: unknown) => e instanceof RelayWireError && e.relayCode === 'MALFORMED');
  assert.throws(() => decodeBlobCommandBody('BACK', Buffer.alloc(23)), (e: unknown) => e instanceof RelayWireError && e.relayCode === 'MALFORMED');
});

// ---- over a real socket -----------------------------------------------------------------------

async function relay(blobLimits: Partial<BlobLimits> = {}): Promise<RunningRelay> {
  return startRelay({ dataDir: await tempDir(), tls: false, blobLimits });
}

function expectKind<K extends Reply['kind']>(r: Reply, kind: K): Extract<Reply, { kind: K }> {
  assert.equal(r.kind, kind, `expected ${kind}, got ${r.kind}${r.kind === 'ERR' ? ` ${r.code}` : ''}`);
  return r as Extract<Reply, { kind: K }>;
}

function errorOf(r: Reply): string {
  return expectKind(r, 'ERR').code;
}

test('#18 blob commands over a socket: upload, status, download, typed errors that keep the connection usable', async () => {
  const running = await relay({ maxBlobBytes: 4 * 1024 * 1024 });
  const url = parseRelayAddress(running.address).url;
  try {
    const up = await RawClient.connect(url);
    const uploader = generateSigningKeyPair(systemRng);
    const ids = expectKind(await up.call({ kind: 'BNEW', uploaderKey: uploader.publicKey, size: 2 * MAX_BLOB_CHUNK_BYTES, chunkCount: 2, once: false }, uploader.secretKey), 'BIDS');
    assert.equal(ids.putId.length, 24);
    assert.ok(!ids.putId.equals(ids.getId));

    // Someone else's key cannot create for a key it does not hold, nor upload.
    const mallory = generateSigningKeyPair(systemRng);
    assert.equal(errorOf(await up.call({ kind: 'BNEW', uploaderKey: uploader.publicKey, size: 1, chunkCount: 1, once: false }, mallory.secretKey)), 'AUTH');
    const other = await RawClient.connect(url);
    assert.equal(errorOf(await other.call({ kind: 'BPUT', putId: ids.putId, index: 0, data: Buffer.alloc(8) }, mallory.secretKey)), 'AUTH');
    assert.equal(errorOf(await other.call({ kind: 'BPUT', putId: ids.putId, index: 0, data: Buffer.alloc(8) })), 'AUTH');
    assert.equal(errorOf(await other.call({ kind: 'BPUT', putId: ids.getId, index: 0, data: Buffer.alloc(8) }, uploader.secretKey)), 'NO_BLOB', 'the get id is no put id');

    const big = systemRng(MAX_BLOB_CHUNK_BYTES);
    expectKind(await up.call({ kind: 'BPUT', putId: ids.putId, index: 1, data: big }), 'OK');
    assert.equal(errorOf(await up.call({ kind: 'BPUT', putId: ids.putId, index: 2, data: Buffer.alloc(8) })), 'BAD_CHUNK');
    assert.equal(errorOf(await up.call({ kind: 'BPUT', putId: ids.putId, index: 0, data: Buffer.alloc(MAX_BLOB_CHUNK_BYTES + 1) })), 'CHUNK_TOO_LARGE');
    const oversizedFrame = Buffer.alloc(MAX_BLOB_FRAME_BYTES + 1);
    encodeUnsignedCommand(++up.corrId, { kind: 'BPUT', putId: ids.putId, index: 0, data: Buffer.alloc(8) }).copy(oversizedFrame);
    up.sendRaw(oversizedFrame);
    assert.equal(errorOf(await up.reply(up.corrId)), 'TOO_LARGE');
    assert.equal(errorOf(await up.call({ kind: 'BNEW', uploaderKey: uploader.publicKey, size: 5 * 1024 * 1024, chunkCount: 5, once: false }, uploader.secretKey)), 'BLOB_QUOTA');

    const down = await RawClient.connect(url);
    const have = expectKind(await down.call({ kind: 'BSTAT', getId: ids.getId }), 'BHAVE');
    assert.equal(have.chunkCount, 2);
    assert.equal(have.storedBytes, big.length);
    assert.equal(have.bitmap[0], 0b10);
    assert.deepEqual(expectKind(await down.call({ kind: 'BGET', getId: ids.getId, index: 1, wait: false }), 'BDATA').data, big);
    assert.equal(errorOf(await down.call({ kind: 'BGET', getId: ids.getId, index: 0, wait: false })), 'NO_CHUNK');
    assert.equal(errorOf(await down.call({ kind: 'BGET', getId: ids.getId, index: 7, wait: false })), 'BAD_CHUNK');
    assert.equal(errorOf(await down.call({ kind: 'BGET', getId: systemRng(24), index: 0, wait: false })), 'NO_BLOB');
    assert.equal(errorOf(await down.call({ kind: 'BSTAT', getId: ids.putId })), 'NO_BLOB', 'the put id is no download capability');

    // A waiting download is answered as soon as the chunk is durable.
    const waiting = down.call({ kind: 'BGET', getId: ids.getId, index: 0, wait: true });
    await new Promise((r) => setTimeout(r, 100));
    expectKind(await up.call({ kind: 'BPUT', putId: ids.putId, index: 0, data: Buffer.alloc(100, 3) }), 'OK');
    assert.deepEqual(expectKind(await waiting, 'BDATA').data, Buffer.alloc(100, 3));

    // Only the uploader deletes; then the blob is gone for everyone.
    assert.equal(errorOf(await other.call({ kind: 'BDEL', putId: ids.putId }, mallory.secretKey)), 'AUTH');
    expectKind(await up.call({ kind: 'BDEL', putId: ids.putId }), 'OK');
    assert.equal(errorOf(await down.call({ kind: 'BGET', getId: ids.getId, index: 1, wait: false })), 'NO_BLOB');
    expectKind(await up.call({ kind: 'PING' }), 'PONG');
    expectKind(await down.call({ kind: 'PING' }), 'PONG');
    assert.equal(up.closed || down.closed, false, 'typed errors do not close the connection');
    for (const c of [up, down, other]) c.close();
  } finally {
    await running.close();
  }
});

test('#18 a single-reader blob goes when its reader acknowledges all of it; a shared one stays; BACK on nothing is NO_BLOB', async () => {
  const running = await relay();
  const url = parseRelayAddress(running.address).url;
  try {
    const up = await RawClient.connect(url);
    const down = await RawClient.connect(url);
    const uploader = generateSigningKeyPair(systemRng);
    const single = expectKind(await up.call({ kind: 'BNEW', uploaderKey: uploader.publicKey, size: 20, chunkCount: 2, once: true }, uploader.secretKey), 'BIDS');
    expectKind(await up.call({ kind: 'BPUT', putId: single.putId, index: 0, data: Buffer.alloc(10, 1) }), 'OK');
    // Half of it is not all of it: the blob stays for the rest of the download.
    assert.equal(errorOf(await down.call({ kind: 'BACK', getId: single.getId })), 'NO_CHUNK');
    expectKind(await up.call({ kind: 'BPUT', putId: single.putId, index: 1, data: Buffer.alloc(10, 2) }), 'OK');
    assert.deepEqual(expectKind(await down.call({ kind: 'BGET', getId: single.getId, index: 1, wait: false }), 'BDATA').data, Buffer.alloc(10, 2));
    assert.equal(errorOf(await down.call({ kind: 'BACK', getId: single.putId })), 'NO_BLOB', 'the put id is no get id');
    expectKind(await down.call({ kind: 'BACK', getId: single.getId }), 'OK');
    assert.equal(errorOf(await down.call({ kind: 'BSTAT', getId: single.getId })), 'NO_BLOB');
    assert.equal(errorOf(await down.call({ kind: 'BACK', getId: single.getId })), 'NO_BLOB');
    assert.equal(running.core.blobs.stats().blobs, 0);

    const shared = expectKind(await up.call({ kind: 'BNEW', uploaderKey: uploader.publicKey, size: 10, chunkCount: 1, once: false }, uploader.secretKey), 'BIDS');
    expectKind(await up.call({ kind: 'BPUT', putId: shared.putId, index: 0, data: Buffer.alloc(10, 3) }), 'OK');
    expectKind(await down.call({ kind: 'BACK', getId: shared.getId }), 'OK');
    expectKind(await down.call({ kind: 'BACK', getId: shared.getId }), 'OK');
    assert.equal(expectKind(await down.call({ kind: 'BSTAT', getId: shared.getId }), 'BHAVE').storedBytes, 10, 'other readers still get it');
    for (const c of [up, down]) c.close();
  } finally {
    await running.close();
  }
});
