/**
 * The client's blob loops against a relay on 127.0.0.1 (issue 8 item 1): an upload whose single
 * reader fetches and acknowledges everything the moment the last chunk is stored still ends as a
 * success for the uploader, though the relay has already let the blob go.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { BlobClient, downloadBlob, uploadBlob, type BlobUpload } from '../../src/transport/blobClient.js';
import { RelayClient } from '../../src/transport/relayClient.js';

/** Runs `afterLastPut` once the relay has acknowledged the last chunk, before the upload goes on. */
class ReaderRacingBlobs extends BlobClient {
  readonly #last: number;
  readonly #afterLastPut: () => Promise<void>;

  constructor(relays: RelayClient, last: number, afterLastPut: () => Promise<void>) {
    super(relays, systemRng);
    this.#last = last;
    this.#afterLastPut = afterLastPut;
  }

  override async put(up: BlobUpload, index: number, data: Buffer): Promise<void> {
    await super.put(up, index, data);
    if (index === this.#last) await this.#afterLastPut();
  }
}

test('a one-reader blob fetched and acknowledged as its last chunk lands: the upload still succeeds', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-blobs-'));
  const relay = await startRelay({ dataDir: dir, tls: false });
  const address = parseRelayAddress(relay.address);
  const uploaderRelays = new RelayClient({ rng: systemRng });
  const readerRelays = new RelayClient({ rng: systemRng });
  try {
    const chunks = [Buffer.alloc(1000, 1), Buffer.alloc(1000, 2), Buffer.alloc(500, 3)];
    const reader = new BlobClient(readerRelays, systemRng);
    const made: { upload?: BlobUpload } = {};
    const fetched: Buffer[] = [];
    const blobs = new ReaderRacingBlobs(uploaderRelays, chunks.length - 1, async () => {
      const ref = { relay: address, getId: made.upload!.getId };
      for await (const { data } of downloadBlob(reader, ref, 0, chunks.length)) fetched.push(data);
      await reader.acknowledge(ref);
    });
    const upload = (made.upload = await blobs.create(address, 2500, chunks.length, true));
    // One chunk at a time, so the last one is the last to land.
    await uploadBlob(blobs, upload, chunks.length, (i) => Promise.resolve(chunks[i]!), { window: 1 });
    assert.deepEqual(Buffer.concat(fetched), Buffer.concat(chunks));
    assert.equal(relay.core.blobs.stats().blobs, 0, 'the relay let it go once read');
  } finally {
    uploaderRelays.close();
    readerRelays.close();
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});
