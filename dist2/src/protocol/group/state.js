/**
 * The signed-membership group state (docs/groups.md §State; issue #6 item 2): group id, version,
 * hash of the previous state, name, creator and members (public identity, role, admin seniority
 * and opaque delivery address). States are immutable values with a canonical encoding (members
 * sorted by identity key); the SHA-256 of that encoding is what the next change's `prevHash`
 * names, so a member holds a hash chain over every state it went through.
 */
import { dhPublicKey, identityPublicKey, sha256, signature, toHex } from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError } from '../errors.js';
import { decodePublicIdentity, encodePublicIdentity, PUBLIC_IDENTITY_BYTES } from '../identity.js';
import { MAX_ADDRESS_BYTES } from '../limits.js';
import { GroupFullError } from './errors.js';
import { GROUP_LABELS } from './labels.js';
import { GROUP_ID_MAX_BYTES, GROUP_ID_MIN_BYTES, MAX_GROUP_MEMBERS, MAX_GROUP_NAME_BYTES } from './limits.js';
export const ROLE = { member: 1, admin: 2 };
export const STATE_HASH_BYTES = 32;
/** The `prevHash` of a version-1 state. */
export const GENESIS_PREV_HASH = Buffer.alloc(STATE_HASH_BYTES);
const STATE_FORMAT = 1;
const NEW_GROUP_ID_BYTES = 32;
export const keyHex = (key) => toHex(key);
export function newGroupId(rng) {
    return rng(NEW_GROUP_ID_BYTES);
}
export function memberOf(state, key) {
    return state.members.get(keyHex(key));
}
export function isMember(state, key) {
    return state.members.has(keyHex(key));
}
export function isAdmin(state, key) {
    return memberOf(state, key)?.role === ROLE.admin;
}
export function isRole(n) {
    return n === ROLE.member || n === ROLE.admin;
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
export function decodeName(bytes) {
    let name;
    try {
        name = utf8.decode(bytes);
    }
    catch {
        throw new InvalidFrameError('group name is not valid UTF-8');
    }
    checkName(name);
    return name;
}
/** Names must survive a UTF-8 round trip (no lone surrogates), so every member hashes the same bytes. */
export function checkName(name) {
    const bytes = Buffer.from(name, 'utf8');
    if (bytes.length === 0 || bytes.length > MAX_GROUP_NAME_BYTES)
        throw new InvalidFrameError(`group name must be 1–${MAX_GROUP_NAME_BYTES} bytes`);
    if (bytes.toString('utf8') !== name)
        throw new InvalidFrameError('group name is not well-formed Unicode');
    return bytes;
}
export function checkGroupId(id) {
    if (id.length < GROUP_ID_MIN_BYTES || id.length > GROUP_ID_MAX_BYTES)
        throw new InvalidFrameError('group id must be 16–32 bytes');
}
export function writeGroupId(w, id) {
    return w.u8(id.length).raw(id);
}
export function readGroupId(r) {
    const id = Buffer.from(r.raw(r.u8()));
    checkGroupId(id);
    return id;
}
/** A public identity from our own store: lengths checked, signatures not re-verified. */
export function trustedPublicIdentity(bytes) {
    if (bytes.length !== PUBLIC_IDENTITY_BYTES)
        throw new InvalidFrameError('public identity: wrong length');
    return { identityKey: identityPublicKey(bytes.subarray(0, 32)), dhKey: dhPublicKey(bytes.subarray(32, 64)), dhSignature: signature(bytes.subarray(64)) };
}
export function writeMember(w, m) {
    return w.raw(encodePublicIdentity(m.identity)).u8(m.role).u32(m.adminSince).bytes16(m.address);
}
/**
 * Reads one member. With `verify`, the public identity is fully checked (valid points, signed DH
 * key); without, only lengths — for bytes from our own store, which authenticates them.
 */
export function readMember(r, verify) {
    const idBytes = r.raw(PUBLIC_IDENTITY_BYTES);
    const identity = verify ? decodePublicIdentity(idBytes) : trustedPublicIdentity(idBytes);
    const role = r.u8();
    if (!isRole(role))
        throw new InvalidFrameError('group member: unknown role');
    const adminSince = r.u32();
    if ((role === ROLE.admin) !== adminSince > 0)
        throw new InvalidFrameError('group member: admin seniority does not match role');
    const address = Buffer.from(r.bytes16(MAX_ADDRESS_BYTES));
    return { identity, role, adminSince, address };
}
function sortedMembers(members) {
    return [...members.keys()].sort().map((k) => members.get(k));
}
export function encodeState(s) {
    const w = writeGroupId(new Writer().u8(STATE_FORMAT), s.groupId).u32(s.version).raw(s.prevHash).raw(s.creator).bytes16(checkName(s.name)).u16(s.members.size);
    for (const m of sortedMembers(s.members))
        writeMember(w, m);
    return w.finish();
}
function hashOf(encoded) {
    return sha256(GROUP_LABELS.state, encoded);
}
/** Builds a state value, checking the invariants every state must hold, and computes its hash. */
export function makeState(fields) {
    checkGroupId(fields.groupId);
    if (fields.members.size > MAX_GROUP_MEMBERS)
        throw new GroupFullError(MAX_GROUP_MEMBERS);
    if (!Number.isInteger(fields.version) || fields.version < 1 || fields.version > 0xffffffff)
        throw new InvalidFrameError('group version out of range');
    return { ...fields, hash: hashOf(encodeState(fields)) };
}
/** Parses a canonical state encoding (strictly: sorted, no duplicates, consistent roles). */
export function decodeState(bytes, options) {
    const r = new Reader(bytes, 'group state');
    if (r.u8() !== STATE_FORMAT)
        throw new InvalidFrameError('group state: unknown format');
    const groupId = readGroupId(r);
    const version = r.u32();
    if (version < 1)
        throw new InvalidFrameError('group state: version 0');
    const prevHash = Buffer.from(r.raw(STATE_HASH_BYTES));
    const creator = identityPublicKey(r.raw(32));
    const name = decodeName(r.bytes16(MAX_GROUP_NAME_BYTES));
    const count = r.u16();
    if (count > MAX_GROUP_MEMBERS)
        throw new GroupFullError(MAX_GROUP_MEMBERS);
    const members = new Map();
    let previous = '';
    for (let i = 0; i < count; i++) {
        const m = readMember(r, options.verifyIdentities);
        if (m.adminSince > version)
            throw new InvalidFrameError('group state: admin seniority from the future');
        const k = keyHex(m.identity.identityKey);
        if (k <= previous)
            throw new InvalidFrameError('group state: members not in canonical order');
        previous = k;
        members.set(k, m);
    }
    r.end();
    return { groupId, version, prevHash, name, creator, members, hash: hashOf(bytes) };
}
//# sourceMappingURL=state.js.map