/**
 * A child process for the log store's crash test (issue #4 §Persistence: `kill -9` loses no
 * envelope it acknowledged): opens the store in argv[2], creates a queue, prints its receive id,
 * then appends from 64 concurrent writers and prints `d <i>` as soon as envelope i is durable.
 * Every third durable envelope is also acknowledged (`a <i>`), so lazy records share the batches.
 * It runs until it is killed.
 */
import { fileURLToPath } from 'node:url';
import { systemRng } from '../../src/crypto/random.js';
import { LogQueueStore } from '../../src/relay/logStore.js';
const WRITERS = 64;
export function crashBody(i) {
    const body = Buffer.alloc(1024, i % 251);
    body.write(`env-${i}-`, 0, 'latin1');
    return body;
}
async function main(dir) {
    const store = await LogQueueStore.open(dir, { limits: { maxMessagesPerQueue: 1e7, maxBytesPerQueue: 1e12, maxTotalBytes: 1e12, maxQueues: 10 } });
    const queue = { recvId: systemRng(24), sendId: systemRng(24), recipientKey: systemRng(32), senderKey: systemRng(32), createdAt: Date.now() };
    await store.createQueue(queue);
    process.stdout.write(`q ${queue.recvId.toString('hex')}\n`);
    let next = 0;
    await Promise.all(Array.from({ length: WRITERS }, async () => {
        for (;;) {
            const i = next++;
            const env = await store.append(queue.recvId, crashBody(i), Date.now());
            // Pipes to a parent are written synchronously on Linux: once written, the parent has it.
            process.stdout.write(`d ${i}\n`);
            if (i % 3 === 0) {
                await store.ack(queue.recvId, env.seq);
                process.stdout.write(`a ${i}\n`);
            }
        }
    }));
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    main(process.argv[2] ?? '').catch((e) => {
        process.stderr.write(`${String(e)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=appendWorker.js.map