/**
 * Worker thread entry of postingBuilder.ts (issue 3 §5, §6): builds a flush batch's blind-index
 * posting rows (term lists, token hashes, sealing) so the main thread keeps saving meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { Secret } from '../crypto/secret.js';
import { batchPostings } from './postings.js';
import type { PostingReply, PostingRequest } from './postingBuilder.js';

const port = parentPort;
port?.on('message', (request: PostingRequest) => {
  let reply: PostingReply;
  try {
    const key = Secret.adopt('StoreKey', 32, request.key);
    try {
      reply = { id: request.id, packed: batchPostings(request.batchId, key, request.input) };
    } finally {
      key.wipe();
    }
  } catch (error) {
    request.key.fill(0);
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  if ('packed' in reply) port.postMessage(reply, [reply.packed.toks.buffer, reply.packed.offsets.buffer, reply.packed.data.buffer]);
  else port.postMessage(reply);
});
