/**
 * The relay's socket adapter (issue #4): serves the relay core over WebSocket with the `ws`
 * library, over TLS with the relay's own pinned key by default (wss), or plain ws on loopback.
 * `startRelay` is the programmatic entry point; src/relay/main.ts is the command-line one.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SaltlineError } from '../crypto/errors.js';
import { MAX_BLOB_FRAME_BYTES } from '../protocol/relayWire/blobWire.js';
import { MAX_FRAME_BYTES } from '../protocol/relayWire/frames.js';
import { formatRelayAddress, isLoopbackHost } from '../protocol/relayWire/relayAddress.js';
import type { BlobLimits, BlobStore } from './blobStore.js';
import type { RelayCoreOptions } from './config.js';
import { FileBlobStore } from './fileBlobStore.js';
import { LogQueueStore } from './logStore.js';
import { MemoryBlobStore } from './memoryBlobStore.js';
import { MemoryQueueStore } from './memoryStore.js';
import type { QueueLimits, QueueStore } from './queueStore.js';
import { RelayCore } from './relayCore.js';
import { loadOrCreateTlsIdentity } from './tlsIdentity.js';

/**
 * Frames above this close the connection outright; between the command's own limit
 * (MAX_FRAME_BYTES, or MAX_BLOB_FRAME_BYTES for a chunk upload) and this they get TOO_LARGE.
 */
export const HARD_FRAME_LIMIT = Math.max(2 * MAX_FRAME_BYTES, MAX_BLOB_FRAME_BYTES + 64 * 1024);
/** A client that lets this much of our output pile up unread is dropped. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export class RelayConfigError extends SaltlineError {
  constructor(message: string) {
    super('RELAY_CONFIG', message);
  }
}

export interface StartRelayOptions {
  /** Data folder for the queue log and the TLS identity. */
  readonly dataDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default true; false is accepted only for a loopback host. */
  readonly tls?: boolean;
  /** 'embedded' (default): the append-only log in dataDir; 'memory': nothing on disk; or any QueueStore. */
  readonly store?: 'embedded' | 'memory' | QueueStore;
  readonly limits?: QueueLimits;
  /**
   * Attachment blobs (issue 8 item 1): 'embedded' (default: chunk files in dataDir/blobs, also
   * with a NATS queue store), 'memory' (default with store 'memory'), or any BlobStore.
   */
  readonly blobStore?: 'embedded' | 'memory' | BlobStore;
  readonly blobLimits?: Partial<BlobLimits>;
  readonly core?: Partial<RelayCoreOptions>;
}

export interface RunningRelay {
  /** The address clients use, with the TLS key fingerprint when on TLS. */
  readonly address: string;
  readonly port: number;
  readonly core: RelayCore;
  close(): Promise<void>;
}

export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ?? true;
  if (!tls && !isLoopbackHost(host)) throw new RelayConfigError('--no-tls is allowed only when listening on loopback');
  const store =
    options.store === 'memory'
      ? new MemoryQueueStore(options.limits)
      : options.store === undefined || options.store === 'embedded'
        ? await LogQueueStore.open(options.dataDir, options.limits ? { limits: options.limits } : {})
        : options.store;
  const blobChoice = options.blobStore ?? (options.store === 'memory' ? 'memory' : 'embedded');
  const blobs =
    blobChoice === 'memory' ? new MemoryBlobStore(options.blobLimits) : blobChoice === 'embedded' ? await FileBlobStore.open(options.dataDir, options.blobLimits) : blobChoice;
  const identity = tls ? await loadOrCreateTlsIdentity(options.dataDir) : undefined;
  const server: HttpServer = identity ? createHttpsServer({ key: identity.key, cert: identity.cert }) : createHttpServer();
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('saltline relay: WebSocket only\n');
  });
  const core = new RelayCore(store, options.core, blobs);
  const wss = new WebSocketServer({ server, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false, clientTracking: true });
  const alive = new WeakSet<WebSocket>();

  wss.on('connection', (ws, req) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    // Frames for one connection made while handling one event (one socket read, one finished
    // log write: OKs of a durable batch, pushes, answers) leave together in one write once that
    // event's work and its promise reactions are done: one syscall (and one run of TLS records)
    // instead of one per frame, yet without holding them until every other ready socket has been
    // served. `req.socket` is the socket ws speaks over.
    const socket = req.socket;
    let corked = false;
    const uncork = (): void => {
      corked = false;
      socket.uncork();
    };
    const session = core.connect({
      send: (frame) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          core.options.log('connection-closed', { reason: 'not reading' });
          ws.terminate();
          return;
        }
        if (!corked) {
          corked = true;
          socket.cork();
          process.nextTick(uncork);
        }
        ws.send(frame);
      },
      close: (code, reason) => ws.close(code, reason),
    });
    ws.on('message', (data, isBinary) => {
      const frame = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      // A text frame is never a command; the decoder answers it as malformed like any junk.
      session.receive(isBinary ? frame : Buffer.alloc(0));
    });
    ws.on('close', () => session.detached());
    ws.on('error', () => session.detached());
  });
  wss.on('error', () => core.options.log('server-error'));

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const address = formatRelayAddress(host, port, identity?.fingerprint);
  core.options.log('listening', { tls, queues: store.stats().queues, envelopes: store.stats().envelopes });

  let closing: Promise<void> | undefined;
  return {
    address,
    port,
    core,
    close: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        core.close();
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
        await blobs.close();
      })()),
  };
}
