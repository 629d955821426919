/** Input checks shared by both store implementations (issue 3; convention 6: hard limits on input). */
import { StoreInputError } from './errors.js';
import { bodyPayload } from './searchText.js';
import { DeliveryState, STORE_LIMITS, type HistoryOptions, type NewMessage } from './types.js';

const ID = /^[A-Za-z0-9_-]+$/;
const STATES = new Set<string>(Object.values(DeliveryState));

/** Ids are caller-chosen but must be short and from a safe alphabet (they may end up in a LanceDB predicate). */
export function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > STORE_LIMITS.maxIdLength || !ID.test(id)) {
    throw new StoreInputError(`${what} must be 1..${STORE_LIMITS.maxIdLength} characters of [A-Za-z0-9_-]`);
  }
}

export function assertBlob(blob: unknown, what: string): asserts blob is Uint8Array {
  if (!(blob instanceof Uint8Array) || blob.length > STORE_LIMITS.maxBlobBytes) {
    throw new StoreInputError(`${what} must be a Uint8Array of at most ${STORE_LIMITS.maxBlobBytes} bytes`);
  }
}

export function assertDeliveryState(state: unknown): asserts state is DeliveryState {
  if (typeof state !== 'string' || !STATES.has(state)) throw new StoreInputError('unknown delivery state');
}

export function assertNewMessage(message: NewMessage): void {
  if (message.id !== undefined) assertId(message.id, 'message id');
  assertId(message.conversationId, 'conversation id');
  if (typeof message.sender !== 'string' || message.sender.length > STORE_LIMITS.maxIdLength) throw new StoreInputError('bad sender');
  if (!Number.isSafeInteger(message.timestamp)) throw new StoreInputError('timestamp must be an integer (ms)');
  assertBlob(message.body, 'message body');
  assertDeliveryState(message.delivery);
}

/** A batch of at most `maxAppendMessages` items (appends, deletions). */
export function assertBatch(items: readonly unknown[], what: string): void {
  if (!Array.isArray(items) || items.length > STORE_LIMITS.maxAppendMessages) throw new StoreInputError(`${what}: at most ${STORE_LIMITS.maxAppendMessages} per call`);
}

export function pageRequest(options: HistoryOptions | undefined): { before: number; limit: number } {
  const limit = options?.limit ?? STORE_LIMITS.defaultPageSize;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > STORE_LIMITS.maxPageSize) throw new StoreInputError(`limit must be 1..${STORE_LIMITS.maxPageSize}`);
  const before = options?.before ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(before)) throw new StoreInputError('before must be an integer sequence number');
  return { before, limit };
}

/** A body written in place (`setDelivery` with a body) may change its header only, never what follows. */
export function assertSamePayload(current: Uint8Array, next: unknown): asserts next is Uint8Array {
  assertBlob(next, 'message body');
  if (!bodyPayload(next).equals(bodyPayload(current))) throw new StoreInputError('an in-place body update may change the header only; use replaceMessage');
}
