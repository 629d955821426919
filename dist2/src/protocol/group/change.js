/**
 * Signed group-state changes (docs/groups.md §Changes; issue #6 item 2; SECURITY-TESTS #14).
 * A change names the group, the new version (current + 1), the hash of the state it applies to,
 * its signer and a list of operations (add, remove, set role, rename), and is signed with the
 * signer's identity key. It applies only if the signer is an admin in the state it applies to —
 * except a member removing themself (leaving). Applying yields the next state and the undo data
 * needed to revert it if a concurrent change wins (see `compareChanges`).
 *
 *   u8 format = 1 ‖ u8 id length ‖ group id ‖ u32 version ‖ prevHash (32) ‖ signer (32)
 *   ‖ u16 op count ‖ ops ‖ Ed25519 signature (64) over label ‖ everything before it
 *   op add:     u8 1 ‖ public identity (128) ‖ u8 role ‖ u16 length ‖ address
 *   op remove:  u8 2 ‖ identity key (32)
 *   op setRole: u8 3 ‖ identity key (32) ‖ u8 role
 *   op rename:  u8 4 ‖ u16 length ‖ UTF-8 name
 */
import { assertValidSigningPublicKey, bytesEqual, identityPublicKey, sha256, sign, signature, verify, } from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError, SignatureError } from '../errors.js';
import { decodePublicIdentity, encodePublicIdentity, PUBLIC_IDENTITY_BYTES } from '../identity.js';
import { MAX_ADDRESS_BYTES } from '../limits.js';
import { GroupFullError, InvalidChangeError, NotMemberError, StaleChangeError, UnauthorizedChangeError } from './errors.js';
import { GROUP_LABELS } from './labels.js';
import { MAX_GROUP_MEMBERS, MAX_GROUP_NAME_BYTES, MAX_OPS_PER_CHANGE } from './limits.js';
import { checkName, decodeName, isRole, keyHex, makeState, readGroupId, readMember, trustedPublicIdentity, ROLE, STATE_HASH_BYTES, writeGroupId, writeMember, } from './state.js';
const CHANGE_FORMAT = 1;
const UNDO_FORMAT = 1;
const OP_CODE = { add: 1, remove: 2, setRole: 3, rename: 4 };
function writeOp(w, op) {
    switch (op.kind) {
        case 'add':
            if (op.address.length > MAX_ADDRESS_BYTES)
                throw new InvalidFrameError('member address too long');
            w.u8(OP_CODE.add).raw(encodePublicIdentity(op.identity)).u8(op.role).bytes16(op.address);
            break;
        case 'remove':
            w.u8(OP_CODE.remove).raw(op.member);
            break;
        case 'setRole':
            w.u8(OP_CODE.setRole).raw(op.member).u8(op.role);
            break;
        case 'rename':
            w.u8(OP_CODE.rename).bytes16(checkName(op.name));
            break;
    }
}
function readRole(r) {
    const role = r.u8();
    if (!isRole(role))
        throw new InvalidFrameError('group change: unknown role');
    return role;
}
function readOp(r, verifyIdentities) {
    switch (r.u8()) {
        case OP_CODE.add: {
            const idBytes = r.raw(PUBLIC_IDENTITY_BYTES);
            const identity = verifyIdentities ? decodePublicIdentity(idBytes) : trustedPublicIdentity(idBytes);
            const role = readRole(r);
            return { kind: 'add', identity, role, address: Buffer.from(r.bytes16(MAX_ADDRESS_BYTES)) };
        }
        case OP_CODE.remove:
            return { kind: 'remove', member: identityPublicKey(r.raw(32)) };
        case OP_CODE.setRole: {
            const member = identityPublicKey(r.raw(32));
            return { kind: 'setRole', member, role: readRole(r) };
        }
        case OP_CODE.rename:
            return { kind: 'rename', name: decodeName(r.bytes16(MAX_GROUP_NAME_BYTES)) };
        default:
            throw new InvalidFrameError('group change: unknown operation');
    }
}
function checkOpCount(n) {
    if (n < 1 || n > MAX_OPS_PER_CHANGE)
        throw new InvalidFrameError(`a change holds 1–${MAX_OPS_PER_CHANGE} operations`);
}
function changeHash(encoded) {
    return sha256(GROUP_LABELS.changeHash, encoded);
}
/** Signs `ops` as the next change of `state`. Applying it (which checks authority) is the caller's next step. */
export function signChange(state, identity, ops) {
    checkOpCount(ops.length);
    if (state.version >= 0xffffffff)
        throw new InvalidChangeError('group version exhausted');
    const signer = identity.publicIdentity.identityKey;
    const w = writeGroupId(new Writer().u8(CHANGE_FORMAT), state.groupId).u32(state.version + 1).raw(state.hash).raw(signer).u16(ops.length);
    for (const op of ops)
        writeOp(w, op);
    const unsigned = w.finish();
    const sig = sign(identity.signing.secretKey, Buffer.concat([GROUP_LABELS.change, unsigned]));
    const encoded = Buffer.concat([unsigned, sig]);
    return { groupId: state.groupId, version: state.version + 1, prevHash: state.hash, signer, ops, signature: sig, encoded, hash: changeHash(encoded) };
}
/**
 * Parses a change: its syntax and, with `verifyIdentities` (anything from the network), the
 * public identities it adds. Its signature and authority are checked by `applyChange`.
 */
export function decodeChange(bytes, options = { verifyIdentities: true }) {
    const r = new Reader(bytes, 'group change');
    if (r.u8() !== CHANGE_FORMAT)
        throw new InvalidFrameError('group change: unknown format');
    const groupId = readGroupId(r);
    const version = r.u32();
    if (version < 2)
        throw new InvalidFrameError('group change: version below 2');
    const prevHash = Buffer.from(r.raw(STATE_HASH_BYTES));
    const signer = identityPublicKey(r.raw(32));
    const count = r.u16();
    checkOpCount(count);
    const ops = [];
    for (let i = 0; i < count; i++)
        ops.push(readOp(r, options.verifyIdentities));
    const sig = signature(r.raw(64));
    r.end();
    const encoded = Buffer.from(bytes);
    return { groupId, version, prevHash, signer, ops, signature: sig, encoded, hash: changeHash(encoded) };
}
function assertAuthorized(base, change) {
    const signer = base.members.get(keyHex(change.signer));
    if (!signer)
        throw new NotMemberError('change signed by a non-member');
    if (signer.role === ROLE.admin)
        return;
    const [only] = change.ops;
    const leaving = change.ops.length === 1 && only?.kind === 'remove' && bytesEqual(only.member, change.signer);
    if (!leaving)
        throw new UnauthorizedChangeError();
}
/** The change's own signature (not its authority, which depends on the state it applies to). */
export function assertChangeSigned(change) {
    assertValidSigningPublicKey(change.signer);
    const signed = change.encoded.subarray(0, change.encoded.length - 64);
    if (!verify(change.signer, Buffer.concat([GROUP_LABELS.change, signed]), change.signature))
        throw new SignatureError('group change signature does not verify');
}
/**
 * Checks `change` against `base` (group, version, prevHash, signer's authority, signature, every
 * operation) and returns the next state with its undo data. Throws without side effects.
 */
export function applyChange(base, change) {
    if (!bytesEqual(change.groupId, base.groupId))
        throw new InvalidChangeError('change is for another group');
    if (change.version <= base.version)
        throw new StaleChangeError();
    if (change.version !== base.version + 1 || !bytesEqual(change.prevHash, base.hash))
        throw new InvalidChangeError('change does not follow the current state');
    assertAuthorized(base, change);
    assertChangeSigned(change);
    const members = new Map(base.members);
    const touched = new Set();
    const restored = [];
    let name = base.name;
    let renamed = false;
    for (const op of change.ops) {
        if (op.kind === 'rename') {
            if (renamed || op.name === base.name)
                throw new InvalidChangeError('rename must change the name, once');
            renamed = true;
            name = op.name;
            continue;
        }
        const k = keyHex(op.kind === 'add' ? op.identity.identityKey : op.member);
        if (touched.has(k))
            throw new InvalidChangeError('a change touches each member at most once');
        touched.add(k);
        const current = members.get(k);
        if (op.kind === 'add') {
            if (current)
                throw new InvalidChangeError('already a member');
            members.set(k, { identity: op.identity, role: op.role, adminSince: op.role === ROLE.admin ? change.version : 0, address: op.address });
            continue;
        }
        if (!current)
            throw new InvalidChangeError('not a member');
        restored.push(current);
        if (op.kind === 'remove')
            members.delete(k);
        else if (op.role === current.role)
            throw new InvalidChangeError('member already has that role');
        else
            members.set(k, { ...current, role: op.role, adminSince: op.role === ROLE.admin ? change.version : 0 });
    }
    if (members.size > MAX_GROUP_MEMBERS)
        throw new GroupFullError(MAX_GROUP_MEMBERS);
    if (members.size > 0 && ![...members.values()].some((m) => m.role === ROLE.admin))
        throw new InvalidChangeError('a group must keep an admin');
    const state = makeState({ groupId: base.groupId, version: change.version, prevHash: base.hash, name, creator: base.creator, members });
    return { state, undo: { name: base.name, prevHash: base.prevHash, restored } };
}
/** The state `change` was applied to, rebuilt from the state it produced and its undo data. */
export function revertChange(state, change, undo) {
    const members = new Map(state.members);
    for (const op of change.ops)
        if (op.kind === 'add')
            members.delete(keyHex(op.identity.identityKey));
    for (const m of undo.restored)
        members.set(keyHex(m.identity.identityKey), m);
    return makeState({ groupId: state.groupId, version: state.version - 1, prevHash: undo.prevHash, name: undo.name, creator: state.creator, members });
}
/**
 * The fork-choice rule for two different changes applying to the same state `base` (same
 * version, same prevHash): the change whose signer is more senior in `base` wins — admins before
 * plain members (leaves), then the admin who became admin at the lower version, then the lower
 * identity key — and only two changes by the same signer are decided by the lower change hash.
 * Seniority, not the hash, decides between different signers so that nobody can grind a hash
 * to undo a change made by someone senior (e.g. an admin removed by a senior admin cannot race
 * back in). Returns < 0 when `a` wins.
 */
export function compareChanges(base, a, b) {
    const rank = (c) => {
        const m = base.members.get(keyHex(c.signer));
        return m?.role === ROLE.admin ? [0, m.adminSince] : [1, 0];
    };
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || Buffer.compare(a.signer, b.signer) || Buffer.compare(a.hash, b.hash);
}
export function encodeUndo(u) {
    const w = new Writer().u8(UNDO_FORMAT).bytes16(checkName(u.name)).raw(u.prevHash).u16(u.restored.length);
    for (const m of u.restored)
        writeMember(w, m);
    return w.finish();
}
export function decodeUndo(bytes, options) {
    const r = new Reader(bytes, 'group undo');
    if (r.u8() !== UNDO_FORMAT)
        throw new InvalidFrameError('group undo: unknown format');
    const name = decodeName(r.bytes16(MAX_GROUP_NAME_BYTES));
    const prevHash = Buffer.from(r.raw(STATE_HASH_BYTES));
    const count = r.u16();
    if (count > MAX_OPS_PER_CHANGE)
        throw new InvalidFrameError('group undo: too many members');
    const restored = [];
    for (let i = 0; i < count; i++)
        restored.push(readMember(r, options.verifyIdentities));
    r.end();
    return { name, prevHash, restored };
}
//# sourceMappingURL=change.js.map