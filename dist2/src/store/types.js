/**
 * The narrow, typed interface the client uses to persist what the protocol produces (issue 3).
 * Two implementations: `LanceStore` (src/store/lanceStore.ts, the encrypted profile folder) and
 * `MemoryStore` (src/store/memoryStore.ts, for protocol and client tests). Blobs are opaque bytes
 * owned by the protocol layer; the store only encrypts and keeps them.
 */
export const DeliveryState = {
    pending: 'pending',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    failed: 'failed',
    received: 'received',
};
export const STORE_LIMITS = {
    maxIdLength: 128,
    maxBlobBytes: 16 * 1024 * 1024,
    maxPageSize: 500,
    defaultPageSize: 50,
    maxSearchResults: 500,
    maxAppendMessages: 10_000,
    maxAppendBytes: 32 * 1024 * 1024,
};
//# sourceMappingURL=types.js.map