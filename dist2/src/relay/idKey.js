/**
 * Queue ids as Map keys (issue #4 §Queues): the relay looks queues, subscriptions and bindings
 * up by id on every command. A queue's own id buffers (those in its QueueRecord) keep their key
 * string once the queue is known, so the hot paths that hand those buffers around do not encode
 * them again on every lookup; any other buffer (an id just read from a frame) is encoded as is.
 */
const keys = new WeakMap();
export function idKey(id) {
    return keys.get(id) ?? id.toString('latin1');
}
/** Remembers the key of an id buffer that lives as long as its queue and is never modified. */
export function rememberIdKey(id) {
    const k = id.toString('latin1');
    keys.set(id, k);
    return k;
}
//# sourceMappingURL=idKey.js.map