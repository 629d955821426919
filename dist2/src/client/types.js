/**
 * The SDK's public types (issue 5): what a `Client` returns and emits. Ids are opaque strings
 * (random, base64url); times are milliseconds since the epoch.
 */
export const DELIVERY_STATE = {
    /** Saved locally, not yet accepted by the relay. */
    sending: 'sending',
    /** Accepted (durably) by the recipient's relay. */
    sent: 'sent',
    /** The recipient's device decrypted and saved it (end-to-end receipt). */
    delivered: 'delivered',
    /** The recipient opened the conversation (only if they send read receipts). */
    read: 'read',
    /** A message we received. */
    received: 'received',
    /** Gave up (e.g. the contact's identity changed before it was sent). */
    failed: 'failed',
};
//# sourceMappingURL=types.js.map