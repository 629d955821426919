/**
 * Versioned binary serialization of a group record for the store (docs/groups.md §Storage; issue
 * #6 item 6). A record splits into parts so a store can keep per-message writes O(1) in a
 * 1,000-member group: `meta` (state, history, what waits) changes only with membership; the own
 * sender key changes with each message we send; each received sender key with each message from
 * that key (`decryptGroupMessage` names it). `serializeGroup` packs all parts in one blob.
 *
 *   meta:  u8 format = 1 ‖ self (32) ‖ u32 length ‖ state ‖ u8 n ‖ n × history entry ‖ u32 next generation
 *          ‖ u8 n ‖ n × (u32 length ‖ change) ‖ u16 n ‖ n × (owner (32) ‖ u8 asks for keys ‖ distribution)
 *   whole: u8 format = 1 ‖ u32 length ‖ meta ‖ u8 has own ‖ [u32 length ‖ own key] ‖ u32 n ‖ n × (u32 length ‖ sender key)
 *
 * The store encrypts these bytes at rest and authenticates them, so identities read back are not
 * re-verified (as for 1:1 sessions).
 */
import { identityPublicKey, toHex } from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError } from '../errors.js';
import { decodeChange } from './change.js';
import { readDistribution, writeDistribution } from './distribution.js';
import { readHistoryEntry, writeHistoryEntry } from './history.js';
import { MAX_ASSEMBLED_PAYLOAD_BYTES, MAX_GROUP_MEMBERS, MAX_PENDING_CHANGES, MAX_REORG_DEPTH, SENDER_KEYS_PER_MEMBER } from './limits.js';
import { deserializeOwnSenderKey, deserializeReceivingSenderKey, serializeOwnSenderKey, serializeReceivingSenderKey, } from './senderKey.js';
import { SenderKeyBook } from './senderKeyBook.js';
import { decodeState, encodeState, keyHex } from './state.js';
const META_FORMAT = 1;
const WHOLE_FORMAT = 1;
const MAX_FIELD = MAX_ASSEMBLED_PAYLOAD_BYTES;
const TRUSTED = { verifyIdentities: false };
export function serializeGroupMeta(g) {
    const w = new Writer().u8(META_FORMAT).raw(g.self).bytes32(encodeState(g.state)).u8(g.history.length);
    for (const e of g.history)
        writeHistoryEntry(w, e);
    w.u32(g.nextGeneration).u8(g.pendingChanges.length);
    for (const c of g.pendingChanges)
        w.bytes32(c.encoded);
    w.u16(g.pendingSenderKeys.size);
    for (const p of g.pendingSenderKeys.values()) {
        w.raw(p.owner).u8(p.requestsKeys ? 1 : 0);
        writeDistribution(w, p.distribution);
    }
    return w.finish();
}
/** The bytes of one received sender key, to rewrite after `decryptGroupMessage` used it. */
export function serializeGroupSenderKey(g, keyIdHex) {
    const record = g.senderKeys.get(Buffer.from(keyIdHex, 'hex'));
    return record ? serializeReceivingSenderKey(record) : null;
}
export function serializeGroupParts(g) {
    const senderKeys = new Map();
    for (const r of g.senderKeys.records())
        senderKeys.set(toHex(r.keyId), serializeReceivingSenderKey(r));
    return { meta: serializeGroupMeta(g), ownSenderKey: g.own ? serializeOwnSenderKey(g.own) : null, senderKeys };
}
export function deserializeGroupParts(parts) {
    const r = new Reader(parts.meta, 'group record');
    if (r.u8() !== META_FORMAT)
        throw new InvalidFrameError('group record: unknown format');
    const self = identityPublicKey(r.raw(32));
    const state = decodeState(r.bytes32(MAX_FIELD), TRUSTED);
    const historyCount = r.u8();
    if (historyCount > MAX_REORG_DEPTH)
        throw new InvalidFrameError('group record: history too long');
    const history = [];
    for (let i = 0; i < historyCount; i++)
        history.push(readHistoryEntry(r, TRUSTED));
    const nextGeneration = r.u32();
    const pendingCount = r.u8();
    if (pendingCount > MAX_PENDING_CHANGES)
        throw new InvalidFrameError('group record: too many pending changes');
    const pendingChanges = [];
    for (let i = 0; i < pendingCount; i++)
        pendingChanges.push(decodeChange(r.bytes32(MAX_FIELD), TRUSTED));
    const keyCount = r.u16();
    if (keyCount > MAX_GROUP_MEMBERS)
        throw new InvalidFrameError('group record: too many pending sender keys');
    const pendingSenderKeys = new Map();
    for (let i = 0; i < keyCount; i++) {
        const owner = identityPublicKey(r.raw(32));
        const asks = r.u8();
        if (asks > 1)
            throw new InvalidFrameError('group record: bad flag');
        pendingSenderKeys.set(keyHex(owner), { owner, requestsKeys: asks === 1, distribution: readDistribution(r) });
    }
    r.end();
    const records = [];
    for (const bytes of parts.senderKeys)
        records.push(deserializeReceivingSenderKey(bytes));
    if (records.length > MAX_GROUP_MEMBERS * SENDER_KEYS_PER_MEMBER)
        throw new InvalidFrameError('group record: too many sender keys');
    const own = parts.ownSenderKey ? deserializeOwnSenderKey(parts.ownSenderKey) : null;
    return { self, state, history, own, nextGeneration, senderKeys: SenderKeyBook.from(records), pendingChanges, pendingSenderKeys };
}
export function serializeGroup(g) {
    const parts = serializeGroupParts(g);
    const w = new Writer().u8(WHOLE_FORMAT).bytes32(parts.meta);
    if (parts.ownSenderKey)
        w.u8(1).bytes32(parts.ownSenderKey);
    else
        w.u8(0);
    w.u32(parts.senderKeys.size);
    for (const b of parts.senderKeys.values())
        w.bytes32(b);
    return w.finish();
}
export function deserializeGroup(bytes) {
    const r = new Reader(bytes, 'group record');
    if (r.u8() !== WHOLE_FORMAT)
        throw new InvalidFrameError('group record: unknown format');
    const meta = r.bytes32(MAX_FIELD);
    const hasOwn = r.u8();
    if (hasOwn > 1)
        throw new InvalidFrameError('group record: bad flag');
    const ownSenderKey = hasOwn ? r.bytes32(MAX_FIELD) : null;
    const count = r.u32();
    if (count > MAX_GROUP_MEMBERS * SENDER_KEYS_PER_MEMBER)
        throw new InvalidFrameError('group record: too many sender keys');
    const senderKeys = [];
    for (let i = 0; i < count; i++)
        senderKeys.push(r.bytes32(MAX_FIELD));
    r.end();
    return deserializeGroupParts({ meta, ownSenderKey, senderKeys });
}
//# sourceMappingURL=serialize.js.map