/**
 * The relay's blob commands on the wire (issue 8 item 1, attachments): bodies of BNEW, BPUT, BGET,
 * BSTAT, BDEL, BACK and of the replies BIDS, BDATA, BHAVE. frames.ts frames them like every other
 * command; this module only lays out their bodies and holds their hard limits.
 *
 *   BNEW   uploader key (32) ‖ u64 declared size ‖ u32 chunk count ‖ u8 once   signed by the uploader key
 *          (once = 1: the blob has one reader, and goes as soon as that reader acknowledges it)
 *   BPUT   put id (24) ‖ u32 index ‖ chunk bytes                         signed/bound like SEND
 *   BGET   get id (24) ‖ u32 index ‖ u8 wait (1: hold the request until the chunk is stored, bounded)
 *   BSTAT  get id (24)
 *   BDEL   put id (24)                                                   signed/bound by the uploader
 *   BACK   get id (24)      a reader has all of it: a `once` blob is deleted, any other is kept until it expires
 *   BIDS   put id (24) ‖ get id (24)
 *   BDATA  u32 index ‖ chunk bytes
 *   BHAVE  u64 declared size ‖ u32 chunk count ‖ u64 stored bytes ‖ bitmap of stored chunks (bit i = chunk i)
 */
import { ED25519_PUBLIC_BYTES } from '../../crypto/keys.js';
import { RelayWireError } from './wireError.js';

/** Blob ids are random like queue ids; the get id is the download capability. */
export const BLOB_ID_BYTES = 24;
/** The largest chunk a relay stores: a 1 MiB secretstream chunk (1 MiB + 17) with room to spare. */
export const MAX_BLOB_CHUNK_BYTES = 1024 * 1024 + 256;
/** Most chunks one blob may declare (the BHAVE bitmap is at most 8 KiB). */
export const MAX_BLOB_CHUNKS = 65_536;
/** The largest size a blob may declare on the wire (a relay's own limit is usually lower). */
export const MAX_BLOB_DECLARED_BYTES = 64 * 1024 * 1024 * 1024;
/** Blob frames (BPUT, BDATA) have their own, bigger frame limit; the envelope limit is unchanged. */
export const MAX_BLOB_FRAME_BYTES = MAX_BLOB_CHUNK_BYTES + 256;

export type BlobCommandBody =
  | { readonly kind: 'BNEW'; readonly uploaderKey: Buffer; readonly size: number; readonly chunkCount: number; readonly once: boolean }
  | { readonly kind: 'BPUT'; readonly putId: Buffer; readonly index: number; readonly data: Buffer }
  | { readonly kind: 'BGET'; readonly getId: Buffer; readonly index: number; readonly wait: boolean }
  | { readonly kind: 'BSTAT'; readonly getId: Buffer }
  | { readonly kind: 'BDEL'; readonly putId: Buffer }
  | { readonly kind: 'BACK'; readonly getId: Buffer };

export type BlobReplyBody =
  | { readonly kind: 'BIDS'; readonly corrId: number; readonly putId: Buffer; readonly getId: Buffer }
  | { readonly kind: 'BDATA'; readonly corrId: number; readonly index: number; readonly data: Buffer }
  | { readonly kind: 'BHAVE'; readonly corrId: number; readonly size: number; readonly chunkCount: number; readonly storedBytes: number; readonly bitmap: Buffer };

function malformed(message: string): never {
  throw new RelayWireError('MALFORMED', message);
}

function checkDeclared(size: number, chunkCount: number): void {
  if (chunkCount < 1 || chunkCount > MAX_BLOB_CHUNKS) malformed('blob chunk count out of range');
  if (size > MAX_BLOB_DECLARED_BYTES || size > chunkCount * MAX_BLOB_CHUNK_BYTES) malformed('blob size out of range');
}

export function bitmapBytes(chunkCount: number): number {
  return Math.ceil(chunkCount / 8);
}

export function encodeBlobCommandBody(body: BlobCommandBody): Buffer {
  switch (body.kind) {
    case 'BNEW': {
      const out = Buffer.alloc(ED25519_PUBLIC_BYTES + 13);
      body.uploaderKey.copy(out, 0);
      out.writeBigUInt64BE(BigInt(body.size), ED25519_PUBLIC_BYTES);
      out.writeUInt32BE(body.chunkCount, ED25519_PUBLIC_BYTES + 8);
      out[ED25519_PUBLIC_BYTES + 12] = body.once ? 1 : 0;
      return out;
    }
    case 'BPUT': {
      const head = Buffer.alloc(BLOB_ID_BYTES + 4);
      body.putId.copy(head, 0);
      head.writeUInt32BE(body.index, BLOB_ID_BYTES);
      return Buffer.concat([head, body.data]);
    }
    case 'BGET': {
      const out = Buffer.alloc(BLOB_ID_BYTES + 5);
      body.getId.copy(out, 0);
      out.writeUInt32BE(body.index, BLOB_ID_BYTES);
      out[BLOB_ID_BYTES + 4] = body.wait ? 1 : 0;
      return out;
    }
    case 'BSTAT':
    case 'BACK':
      return body.getId;
    case 'BDEL':
      return body.putId;
  }
}

export function decodeBlobCommandBody(kind: BlobCommandBody['kind'], body: Buffer): BlobCommandBody {
  switch (kind) {
    case 'BNEW': {
      if (body.length !== ED25519_PUBLIC_BYTES + 13) malformed('BNEW body must be 45 bytes');
      const size = body.readBigUInt64BE(ED25519_PUBLIC_BYTES);
      const chunkCount = body.readUInt32BE(ED25519_PUBLIC_BYTES + 8);
      const once = body[ED25519_PUBLIC_BYTES + 12]!;
      if (size > BigInt(MAX_BLOB_DECLARED_BYTES)) malformed('blob size out of range');
      checkDeclared(Number(size), chunkCount);
      if (once > 1) malformed('BNEW once flag must be 0 or 1');
      return { kind, uploaderKey: body.subarray(0, ED25519_PUBLIC_BYTES), size: Number(size), chunkCount, once: once === 1 };
    }
    case 'BPUT': {
      if (body.length <= BLOB_ID_BYTES + 4) malformed('BPUT needs a blob id, an index and data');
      const data = body.subarray(BLOB_ID_BYTES + 4);
      if (data.length > MAX_BLOB_CHUNK_BYTES) throw new RelayWireError('CHUNK_TOO_LARGE', 'chunk exceeds the maximum size');
      return { kind, putId: body.subarray(0, BLOB_ID_BYTES), index: body.readUInt32BE(BLOB_ID_BYTES), data };
    }
    case 'BGET': {
      if (body.length !== BLOB_ID_BYTES + 5) malformed('BGET body must be 29 bytes');
      const wait = body[BLOB_ID_BYTES + 4]!;
      if (wait > 1) malformed('BGET wait flag must be 0 or 1');
      return { kind, getId: body.subarray(0, BLOB_ID_BYTES), index: body.readUInt32BE(BLOB_ID_BYTES), wait: wait === 1 };
    }
    case 'BSTAT':
      if (body.length !== BLOB_ID_BYTES) malformed('BSTAT body must be 24 bytes');
      return { kind, getId: body };
    case 'BDEL':
      if (body.length !== BLOB_ID_BYTES) malformed('BDEL body must be 24 bytes');
      return { kind, putId: body };
    case 'BACK':
      if (body.length !== BLOB_ID_BYTES) malformed('BACK body must be 24 bytes');
      return { kind, getId: body };
  }
}

/** The reply body only (frames.ts writes the header in front). */
export function blobReplyBodyLength(reply: BlobReplyBody): number {
  switch (reply.kind) {
    case 'BIDS':
      return 2 * BLOB_ID_BYTES;
    case 'BDATA':
      return 4 + reply.data.length;
    case 'BHAVE':
      return 20 + reply.bitmap.length;
  }
}

export function writeBlobReplyBody(reply: BlobReplyBody, out: Buffer, offset: number): void {
  switch (reply.kind) {
    case 'BIDS':
      reply.putId.copy(out, offset);
      reply.getId.copy(out, offset + BLOB_ID_BYTES);
      return;
    case 'BDATA':
      out.writeUInt32BE(reply.index, offset);
      reply.data.copy(out, offset + 4);
      return;
    case 'BHAVE':
      out.writeBigUInt64BE(BigInt(reply.size), offset);
      out.writeUInt32BE(reply.chunkCount, offset + 8);
      out.writeBigUInt64BE(BigInt(reply.storedBytes), offset + 12);
      reply.bitmap.copy(out, offset + 20);
      return;
  }
}

export function decodeBlobReplyBody(kind: BlobReplyBody['kind'], corrId: number, body: Buffer): BlobReplyBody {
  switch (kind) {
    case 'BIDS':
      if (body.length !== 2 * BLOB_ID_BYTES) malformed('BIDS body must be 48 bytes');
      return { kind, corrId, putId: Buffer.from(body.subarray(0, BLOB_ID_BYTES)), getId: Buffer.from(body.subarray(BLOB_ID_BYTES)) };
    case 'BDATA': {
      if (body.length < 4) malformed('BDATA without an index');
      const data = body.subarray(4);
      if (data.length > MAX_BLOB_CHUNK_BYTES) throw new RelayWireError('CHUNK_TOO_LARGE', 'chunk exceeds the maximum size');
      // A view, not a copy: the reply frame belongs to this reply alone.
      return { kind, corrId, index: body.readUInt32BE(0), data };
    }
    case 'BHAVE': {
      if (body.length < 20) malformed('BHAVE too short');
      const size = body.readBigUInt64BE(0);
      const chunkCount = body.readUInt32BE(8);
      const stored = body.readBigUInt64BE(12);
      if (size > BigInt(MAX_BLOB_DECLARED_BYTES) || stored > size) malformed('BHAVE sizes out of range');
      checkDeclared(Number(size), chunkCount);
      if (body.length !== 20 + bitmapBytes(chunkCount)) malformed('BHAVE bitmap has the wrong length');
      return { kind, corrId, size: Number(size), chunkCount, storedBytes: Number(stored), bitmap: Buffer.from(body.subarray(20)) };
    }
  }
}
