/**
 * The CPU an attachment transfer cannot do without (issue 8 §Benchmark), measured step by step on
 * this machine in the benchmark's own run: the work every 100 MB round must do whatever the code
 * around it looks like, each step done here as directly as Node allows (no WebSocket framing, no
 * worker hand-offs, no garbage to collect).
 *
 * - `secretstream`: push then pull of every chunk (the raw measurement itself);
 * - `blake2b`: the whole-ciphertext hash, once by the sender and once by the recipient (the hash
 *   travels in the message and is checked on arrival);
 * - `tls`: the bytes through TLS over loopback, client to server, once for the upload and once for
 *   the download (both ends' CPU: encryption, decryption and the socket copies);
 * - `files`: the sender reads the file and writes its encrypted copy; the relay writes each chunk
 *   to its own file, fsynced and renamed with the folder fsynced (as it does before acknowledging),
 *   and reads it back; the recipient writes its encrypted copy and the decrypted output, fsynced.
 *
 * Their sum divided by two cores is the least wall time a round can take even with both cores
 * busy all the time: a ceiling on end-to-end MB/s, and so on the ratio to raw secretstream.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { Blake2bStream } from '../../src/crypto/hash.js';
import { loadOrCreateTlsIdentity } from '../../src/relay/tlsIdentity.js';
import { cpuMsOf } from './cpu.js';

export interface AttachmentFloor {
  /** CPU milliseconds per step for one round (`blake2b` and `tls` already counted twice). */
  readonly blake2b: number;
  readonly tls: number;
  readonly files: number;
}

function cpuMs(): number {
  return cpuMsOf(process.pid);
}

function blake2bOnce(data: Buffer, chunk: number): number {
  const started = cpuMs();
  const h = new Blake2bStream(32);
  for (let o = 0; o < data.length; o += chunk) h.update(data.subarray(o, o + chunk));
  h.digest();
  return cpuMs() - started;
}

/** CPU of sending `data` once through a TLS connection on loopback (both ends in this process). */
async function tlsOnce(data: Buffer, chunk: number, identity: { key: string; cert: string }): Promise<number> {
  const server = createServer({ key: identity.key, cert: identity.cert });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const received = new Promise<void>((resolve) => {
    server.once('secureConnection', (socket: TLSSocket) => {
      let got = 0;
      socket.on('data', (d: Buffer) => {
        got += d.length;
        if (got >= data.length) resolve();
      });
    });
  });
  const client = connect({ port: address.port, host: '127.0.0.1', rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => client.once('secureConnect', resolve).once('error', reject));
  const started = cpuMs();
  for (let o = 0; o < data.length; o += chunk) {
    if (!client.write(data.subarray(o, o + chunk))) await new Promise((resolve) => client.once('drain', resolve));
  }
  await received;
  const used = cpuMs() - started;
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
  return used;
}

function writeAll(fd: number, data: Buffer, chunk: number): void {
  for (let o = 0; o < data.length; o += chunk) writeSync(fd, data, o, Math.min(chunk, data.length - o));
}

function filesOnce(dir: string, data: Buffer, chunk: number): number {
  const source = join(dir, 'source');
  const fd = openSync(source, 'w');
  writeAll(fd, data, chunk);
  closeSync(fd);
  const buffer = Buffer.allocUnsafe(chunk);
  const started = cpuMs();
  // Sender: read the file, write the encrypted copy.
  const input = openSync(source, 'r');
  const copy = openSync(join(dir, 'sender.blob'), 'w');
  for (let o = 0; o < data.length; o += chunk) {
    const n = readSync(input, buffer, 0, chunk, o);
    writeSync(copy, buffer, 0, n);
  }
  fsyncSync(copy);
  closeSync(copy);
  closeSync(input);
  // Relay: each chunk durable in a file of its own, then read back for the download.
  const chunks = join(dir, 'chunks');
  rmSync(chunks, { recursive: true, force: true });
  const made = mkdtempSync(`${chunks}-`);
  const folder = openSync(made, 'r');
  for (let i = 0; i * chunk < data.length; i++) {
    const tmp = join(made, `${i}.tmp`);
    const f = openSync(tmp, 'w');
    writeSync(f, data, i * chunk, Math.min(chunk, data.length - i * chunk));
    fsyncSync(f);
    closeSync(f);
    renameSync(tmp, join(made, String(i)));
    fsyncSync(folder);
  }
  closeSync(folder);
  for (let i = 0; i * chunk < data.length; i++) {
    const f = openSync(join(made, String(i)), 'r');
    readSync(f, buffer, 0, chunk, 0);
    closeSync(f);
  }
  // Recipient: its encrypted copy and the decrypted output.
  for (const name of ['recipient.blob', 'output']) {
    const out = openSync(join(dir, name), 'w');
    writeAll(out, data, chunk);
    fsyncSync(out);
    closeSync(out);
  }
  const used = cpuMs() - started;
  rmSync(made, { recursive: true, force: true });
  return used;
}

/** Measures the steps on `data` (the benchmark's file), `chunk` bytes at a time. */
export async function measureAttachmentFloor(data: Buffer, chunk: number): Promise<AttachmentFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'saltline-bench-floor-'));
  try {
    const identity = await loadOrCreateTlsIdentity(dir);
    return {
      blake2b: 2 * blake2bOnce(data, chunk),
      tls: 2 * (await tlsOnce(data, chunk, identity)),
      files: filesOnce(dir, data, chunk),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
