/**
 * The body of content kind 5 `attachment` (issue 8 item 1): everything a recipient needs to fetch,
 * verify and decrypt a file from a relay's blob store, plus what to show before downloading.
 *
 *   u8 relay length ‖ relay address (UTF-8) ‖ get id (24) ‖ key (32) ‖ stream header (24) ‖
 *   hash (32) ‖ u64 size ‖ u32 chunk bytes ‖ u8 name length ‖ name (UTF-8) ‖
 *   u8 mime length ‖ mime ‖ u16 thumbnail length ‖ thumbnail (JPEG, may be empty)
 *
 * Parsed strictly: every length is bounded, the name has no control characters or path
 * separators, the mime type is `type/subtype`, a thumbnail is a JPEG.
 */
import { decodeStrictUtf8 } from './codec/utf8.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { ATTACHMENT_HASH_BYTES, ATTACHMENT_HEADER_BYTES, ATTACHMENT_KEY_BYTES, AttachmentError, checkLayout } from './attachmentStream.js';
import { BLOB_ID_BYTES } from './relayWire/blobWire.js';
import { MAX_RELAY_ADDRESS_CHARS } from './relayWire/relayAddress.js';

export const MAX_ATTACHMENT_NAME_BYTES = 255;
export const MAX_MIME_BYTES = 127;
/** A small inline preview; larger images are shown from the downloaded file instead. */
export const MAX_THUMBNAIL_BYTES = 24 * 1024;

export interface AttachmentDescriptor {
  readonly relay: string;
  readonly getId: Buffer;
  /** The file's secretstream key: secret, travels only inside encrypted messages and rows. */
  readonly key: Buffer;
  readonly header: Buffer;
  readonly hash: Buffer;
  readonly size: number;
  readonly chunkBytes: number;
  readonly name: string;
  readonly mime: string;
  readonly thumbnail: Buffer;
}

const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/i;
// eslint-disable-next-line no-control-regex
const BAD_NAME_RE = /[\u0000-\u001f\u007f-\u009f/\\\u202a-\u202e\u2066-\u2069]/u;
const decodeUtf8 = (b: Uint8Array): string => decodeStrictUtf8(b, 'attachment');

export function isValidAttachmentName(name: string): boolean {
  const bytes = Buffer.byteLength(name, 'utf8');
  return bytes > 0 && bytes <= MAX_ATTACHMENT_NAME_BYTES && !BAD_NAME_RE.test(name) && name !== '.' && name !== '..';
}

export function isValidMime(mime: string): boolean {
  return MIME_RE.test(mime);
}

export function isJpeg(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function check(d: AttachmentDescriptor): void {
  const relayBytes = Buffer.byteLength(d.relay, 'utf8');
  if (relayBytes === 0 || relayBytes > MAX_RELAY_ADDRESS_CHARS) throw new InvalidFrameError('attachment: relay address length');
  if (d.getId.length !== BLOB_ID_BYTES || d.key.length !== ATTACHMENT_KEY_BYTES || d.header.length !== ATTACHMENT_HEADER_BYTES || d.hash.length !== ATTACHMENT_HASH_BYTES) {
    throw new InvalidFrameError('attachment: field length');
  }
  try {
    checkLayout(d.size, d.chunkBytes);
  } catch (e) {
    if (e instanceof AttachmentError) throw new InvalidFrameError(`attachment: ${e.message}`);
    throw e;
  }
  if (!isValidAttachmentName(d.name)) throw new InvalidFrameError('attachment: bad file name');
  if (!isValidMime(d.mime)) throw new InvalidFrameError('attachment: bad mime type');
  if (d.thumbnail.length > MAX_THUMBNAIL_BYTES || (d.thumbnail.length > 0 && !isJpeg(d.thumbnail))) throw new InvalidFrameError('attachment: bad thumbnail');
}

export function writeAttachment(w: Writer, d: AttachmentDescriptor): void {
  check(d);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(d.size));
  w.u8(Buffer.byteLength(d.relay, 'utf8')).raw(Buffer.from(d.relay, 'utf8'));
  w.raw(d.getId).raw(d.key).raw(d.header).raw(d.hash).raw(size).u32(d.chunkBytes);
  const name = Buffer.from(d.name, 'utf8');
  w.u8(name.length).raw(name);
  const mime = Buffer.from(d.mime, 'latin1');
  w.u8(mime.length).raw(mime);
  w.bytes16(d.thumbnail);
}

export function readAttachment(r: Reader): AttachmentDescriptor {
  const relay = decodeUtf8(r.raw(r.u8()));
  const getId = Buffer.from(r.raw(BLOB_ID_BYTES));
  const key = Buffer.from(r.raw(ATTACHMENT_KEY_BYTES));
  const header = Buffer.from(r.raw(ATTACHMENT_HEADER_BYTES));
  const hash = Buffer.from(r.raw(ATTACHMENT_HASH_BYTES));
  const sizeBig = r.raw(8).readBigUInt64BE();
  if (sizeBig > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidFrameError('attachment: size out of range');
  const chunkBytes = r.u32();
  const name = decodeUtf8(r.raw(r.u8()));
  const mime = r.raw(r.u8()).toString('latin1');
  const thumbnail = Buffer.from(r.bytes16(MAX_THUMBNAIL_BYTES));
  const d: AttachmentDescriptor = { relay, getId, key, header, hash, size: Number(sizeBig), chunkBytes, name, mime, thumbnail };
  check(d);
  return d;
}

/** Standalone encoding (e.g. inside a stored message row). */
export function encodeAttachment(d: AttachmentDescriptor): Buffer {
  const w = new Writer();
  writeAttachment(w, d);
  return w.finish();
}

export function decodeAttachment(bytes: Uint8Array): AttachmentDescriptor {
  const r = new Reader(bytes, 'attachment');
  const d = readAttachment(r);
  r.end();
  return d;
}
