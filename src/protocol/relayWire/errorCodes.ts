/**
 * Error codes a relay answers with (issue #4 §Delivery: "each a clear, typed error reply").
 * One byte on the wire; the names are the stable strings clients branch on.
 */
export const RelayErrorCode = {
  MALFORMED: 1,
  TOO_LARGE: 2,
  UNKNOWN_COMMAND: 3,
  VERSION: 4,
  AUTH: 5,
  NO_QUEUE: 6,
  QUEUE_FULL: 7,
  RELAY_FULL: 8,
  RATE_LIMITED: 9,
  REPLAY: 10,
  NO_MESSAGE: 11,
  INTERNAL: 12,
  /** Blob store (issue 8 item 1): no such blob, or not authorized for it. */
  NO_BLOB: 13,
  /** The blob or the relay's blob quota would be exceeded. */
  BLOB_QUOTA: 14,
  /** A chunk index outside the blob's declared chunks, or a chunk that would overflow its declared size. */
  BAD_CHUNK: 15,
  CHUNK_TOO_LARGE: 16,
  /** The chunk is not (yet) stored: ask again later. */
  NO_CHUNK: 17,
} as const;

export type RelayErrorName = keyof typeof RelayErrorCode;
export type RelayErrorNumber = (typeof RelayErrorCode)[RelayErrorName];

const byNumber = new Map<number, RelayErrorName>(
  Object.entries(RelayErrorCode).map(([name, n]) => [n, name as RelayErrorName]),
);

export function relayErrorName(n: number): RelayErrorName | undefined {
  return byNumber.get(n);
}

/** Errors after which retrying the same command can never succeed. */
export const PERMANENT_RELAY_ERRORS: ReadonlySet<RelayErrorName> = new Set(['AUTH', 'NO_QUEUE', 'TOO_LARGE', 'MALFORMED', 'UNKNOWN_COMMAND', 'VERSION', 'NO_BLOB', 'BLOB_QUOTA', 'BAD_CHUNK', 'CHUNK_TOO_LARGE']);
