/**
 * A member's view of one group (docs/groups.md; issue #6 items 1–5): the signed state and its
 * recent history, our sender key, the sender keys of the others, and what waits for a gap to
 * fill. Pure functions `(group, input, deps) → { group, outgoing, events }`: no I/O, no clock,
 * randomness from `deps.rng`. `outgoing` lists pairwise payloads to hand to one member each over
 * the 1:1 session with that member; incoming pairwise payloads come with the identity of the
 * session's authenticated peer (`from`), which is the only source of "who sent this".
 *
 * Every function either throws a typed error and changes nothing, or succeeds and consumes the
 * input group (spent secrets are wiped and the returned group shares its sender-key book).
 */
import { bytesEqual, SaltlineError, toHex } from '../../crypto/index.js';
import { InvalidFrameError } from '../errors.js';
import { MAX_ADDRESS_BYTES } from '../limits.js';
import { applyChange, signChange } from './change.js';
import { receivingKeyFrom, wipeDistribution } from './distribution.js';
import { GroupStateError, NotMemberError, StaleChangeError, UnauthorizedChangeError, UnknownSenderKeyError } from './errors.js';
import { fragmentPayload } from './fragment.js';
import { integrateChanges, trimHistory, verifyHistory } from './history.js';
import { MAX_BUNDLED_CHANGE_BYTES, MAX_GROUP_MEMBERS } from './limits.js';
import { openGroupMessage, parseGroupEnvelope, sealGroupMessage } from './message.js';
import { decodeGroupPayload, encodeUpdate, encodeWelcome } from './payload.js';
import { createOwnSenderKey, wipeOwnSenderKey, wipeReceivingSenderKey } from './senderKey.js';
import { SenderKeyBook } from './senderKeyBook.js';
import { GENESIS_PREV_HASH, isAdmin, isMember, keyHex, makeState, memberOf, newGroupId, ROLE } from './state.js';
function checkAddress(address) {
    if (address.length > MAX_ADDRESS_BYTES)
        throw new InvalidFrameError('address too long');
    return Buffer.from(address);
}
function others(state, self) {
    const me = keyHex(self);
    return [...state.members.entries()].filter(([k]) => k !== me).map(([, m]) => m);
}
function unitsTo(members, payload, rng) {
    const units = fragmentPayload(payload, rng);
    return members.flatMap((to) => units.map((u) => ({ to, payload: u })));
}
/**
 * Creates a group at version 1 with us as its creator and first admin. Each member gets a welcome
 * (the state and our sender key); they will set up sessions among themselves (introductions) and
 * send their own sender keys.
 */
export function createGroup(identity, options, deps) {
    const self = identity.publicIdentity.identityKey;
    const members = new Map([[keyHex(self), { identity: identity.publicIdentity, role: ROLE.admin, adminSince: 1, address: checkAddress(options.address) }]]);
    for (const m of options.members) {
        const k = keyHex(m.identity.identityKey);
        if (members.has(k))
            throw new GroupStateError('a member is listed twice (or is us)');
        const role = m.role ?? ROLE.member;
        members.set(k, { identity: m.identity, role, adminSince: role === ROLE.admin ? 1 : 0, address: checkAddress(m.address) });
    }
    const groupId = newGroupId(deps.rng);
    const state = makeState({ groupId, version: 1, prevHash: GENESIS_PREV_HASH, name: options.name, creator: self, members });
    const own = createOwnSenderKey(groupId, self, 0, deps.rng);
    const group = { self, state, history: [], own, nextGeneration: 1, senderKeys: new SenderKeyBook(), pendingChanges: [], pendingSenderKeys: new Map() };
    return { group, outgoing: unitsTo(others(state, self), encodeWelcome(state, [], own), deps.rng), events: [] };
}
/**
 * Signs and applies `ops` as the next change (we must be an admin, or be removing ourself), and
 * returns what to send: the change to every member (and to those it removes), a welcome to each
 * member it adds, and — if it removes anyone — our new sender key to the remaining members only.
 */
export function changeGroup(group, identity, ops, deps) {
    if (!bytesEqual(identity.publicIdentity.identityKey, group.self))
        throw new GroupStateError('identity does not own this group record');
    if (!isMember(group.state, group.self))
        throw new NotMemberError('we are not a member of this group');
    const change = signChange(group.state, identity, ops);
    const { state, undo } = applyChange(group.state, change);
    if (!isMember(state, group.self) && ops.some((op) => op.kind === 'add'))
        throw new GroupStateError('cannot add members in the change that removes us');
    const history = trimHistory([...group.history, { change, undo }]);
    const result = transition(group, { state, history, pendingChanges: group.pendingChanges, pendingSenderKeys: group.pendingSenderKeys }, {
        steps: [{ kind: 'applied', change }],
        authored: change,
        received: null,
        deferred: null,
        changeDeferred: false,
        keysRequestedBy: null,
        rng: deps.rng,
    });
    return { ...result, change };
}
export function leaveGroup(group, identity, deps) {
    return changeGroup(group, identity, [{ kind: 'remove', member: group.self }], deps);
}
/** Makes a new sender key and sends it to every other member (e.g. periodically, or when the chain is exhausted). */
export function rotateSenderKey(group, deps) {
    if (!group.own || !isMember(group.state, group.self))
        throw new NotMemberError('we are not a member of this group');
    const own = createOwnSenderKey(group.state.groupId, group.self, group.nextGeneration, deps.rng);
    wipeOwnSenderKey(group.own);
    const next = { ...group, own, nextGeneration: group.nextGeneration + 1 };
    return { group: next, outgoing: unitsTo(others(group.state, group.self), encodeUpdate(group.state.groupId, [], own, group.state.version), deps.rng), events: [] };
}
/**
 * Handles a pairwise group payload (reassembled if it came in fragments) that arrived over the
 * 1:1 session with `from`. `group` is our record for the payload's group (`peekGroupPayload`
 * names it), or null if we hold none — then only a welcome is acceptable.
 */
export function receiveGroupPayload(group, from, payload, deps) {
    const p = decodeGroupPayload(payload);
    try {
        if (group && !bytesEqual(group.self, deps.self))
            throw new GroupStateError('group record belongs to another identity');
        if (bytesEqual(from, deps.self))
            throw new GroupStateError('a payload from ourself');
        if (group && !bytesEqual(p.groupId, group.state.groupId))
            throw new GroupStateError('payload is for another group');
        if (p.kind === 'welcome')
            return group ? welcomeAgain(group, from, p, deps.rng) : join(deps.self, from, p, 0, deps.rng);
        if (!group)
            throw new GroupStateError('update for a group we do not hold');
        return update(group, from, p.changes, p.distribution, p.requestsKeys, deps.rng);
    }
    catch (e) {
        // Nothing took the distribution's secrets: every commit happens after the last throw.
        if (p.distribution)
            wipeDistribution(p.distribution);
        throw e;
    }
}
function join(self, from, w, nextGeneration, rng) {
    const { state } = w;
    if (!isMember(state, self))
        throw new NotMemberError('the welcome does not list us');
    if (!isAdmin(state, from))
        throw new UnauthorizedChangeError('welcome from someone who is not an admin of the group');
    if (w.distribution.stateVersion > state.version)
        throw new InvalidFrameError('welcome: sender key from a later state');
    verifyHistory(state, w.history);
    const introducerKey = receivingKeyFrom(state.groupId, from, w.distribution);
    const own = createOwnSenderKey(state.groupId, self, nextGeneration, rng);
    const senderKeys = new SenderKeyBook();
    senderKeys.install(introducerKey);
    const group = { self, state, history: w.history, own, nextGeneration: nextGeneration + 1, senderKeys, pendingChanges: [], pendingSenderKeys: new Map() };
    return {
        group,
        outgoing: unitsTo(others(state, self), encodeUpdate(state.groupId, [], own, state.version, true), rng),
        events: [
            { kind: 'joined', version: state.version, introducer: from },
            { kind: 'senderKey', member: from, generation: introducerKey.generation },
        ],
    };
}
/**
 * A welcome for a group we already hold. If its history shares a state with ours, it is just more
 * changes to follow — through the fork-choice rule, so a welcome from a losing branch changes
 * nothing, and one from the winning branch brings us over (also back in, if we had left or been
 * removed on a branch that lost). If it shares none (our branch was abandoned before either
 * history begins, or we were out for long), the welcome replaces our record: but only from
 * someone who is an admin in the state we hold (and in the welcome), so no plain member can pull
 * us into a forged copy of the group.
 */
function welcomeAgain(group, from, w, rng) {
    const member = isMember(group.state, group.self);
    if (sharesAState(group, w) || (member && w.state.version <= group.state.version)) {
        return update(group, from, w.history.map((e) => e.change), w.distribution, false, rng);
    }
    if (!isAdmin(group.state, from))
        throw new UnauthorizedChangeError('re-welcome from someone who is not an admin in our state');
    if (w.state.version <= group.state.version)
        throw new StaleChangeError('re-welcome not newer than the state we hold');
    const result = join(group.self, from, w, group.nextGeneration, rng);
    wipeGroup(group);
    return result;
}
/** Whether a state we went through (within our history) is also one the welcome's history went through. */
function sharesAState(group, w) {
    const ours = new Set([group.state.hash, ...group.history.map((e) => e.change.prevHash)].map((h) => toHex(h)));
    return [w.state.hash, ...w.history.map((e) => e.change.prevHash)].some((h) => ours.has(toHex(h)));
}
function update(group, from, changes, distribution, requestsKeys, rng) {
    const chain = integrateChanges(group.state, group.history, group.pendingChanges, changes);
    let received = null;
    let deferred = null;
    if (distribution && distribution.stateVersion > chain.state.version) {
        const waiting = group.pendingSenderKeys.get(keyHex(from));
        if (!waiting || waiting.distribution.generation < distribution.generation)
            deferred = { owner: from, distribution, requestsKeys };
    }
    else if (distribution) {
        try {
            if (!isMember(chain.state, group.self))
                throw new NotMemberError('we are not a member of this group');
            if (!isMember(chain.state, from))
                throw new NotMemberError('sender key from a non-member');
            const record = receivingKeyFrom(chain.state.groupId, from, distribution);
            if (group.senderKeys.wouldInstall(record))
                received = record;
        }
        catch (e) {
            // A key we cannot use is refused; but if the changes it came with moved us on, those still
            // count, and only the key is dropped.
            if (!(e instanceof SaltlineError) || !chain.progressed)
                throw e;
        }
    }
    const answer = requestsKeys && isMember(chain.state, from) && isMember(chain.state, group.self);
    const requesterVersion = distribution ? Math.min(distribution.stateVersion, chain.state.version) : chain.state.version;
    if (!chain.progressed && !received && !deferred && !answer)
        throw new StaleChangeError('nothing new in this group update');
    if (distribution && !received && !deferred)
        wipeDistribution(distribution);
    return transition(group, { state: chain.state, history: chain.history, pendingChanges: chain.pending, pendingSenderKeys: group.pendingSenderKeys }, {
        steps: chain.steps,
        authored: null,
        received,
        deferred,
        changeDeferred: chain.parked,
        keysRequestedBy: answer ? { member: from, version: requesterVersion } : null,
        rng,
    });
}
/** The changes that are applied once all the steps are done (a reverted one may come back), in order. */
function effectiveChanges(steps) {
    const applied = new Set();
    for (const s of steps) {
        if (s.kind === 'applied')
            applied.add(s.change);
        else
            applied.delete(s.change);
    }
    return [...applied].sort((a, b) => a.version - b.version);
}
/**
 * Moves the record from `group.state` to `next.state` and works out the sender-key consequences:
 * - we are no longer a member → our key and every received key are wiped;
 * - anyone was removed (or we were just re-added, or hold no key) → a new sender key, sent to every
 *   remaining member (with the applied changes, as gossip) — never to anyone removed;
 * - a concurrent change won (a reorg) → our current key, sent to every member: someone may have
 *   refused it while they did not list its receiver, and we cannot know who;
 * - only additions → our current key to each newcomer (it cannot read back: earlier chain keys
 *   cannot be derived from the current one). The newcomer also sends us its key and asks for ours
 *   once it has joined; a request that comes before we applied the addition waits with its key.
 * After a reorg, or back in the group without a welcome (a reorg undid our removal), we ask every
 * member for its current sender key.
 * Everything that can throw happens before the commit at the end.
 */
function transition(group, next, input) {
    const { self } = group;
    const before = group.state;
    const after = next.state;
    const removed = [...before.members.values()].filter((m) => !after.members.has(keyHex(m.identity.identityKey)));
    const added = new Set([...after.members.keys()].filter((k) => !before.members.has(k)));
    // Removed and re-added within the changes applied here counts as having been out: the others
    // wiped our key in between.
    const removedOnTheWay = effectiveChanges(input.steps).some((c) => c.ops.some((op) => op.kind === 'remove' && bytesEqual(op.member, self)));
    const wasListed = before.members.has(keyHex(self));
    const wasMember = wasListed && !removedOnTheWay;
    const isNowMember = after.members.has(keyHex(self));
    const events = input.steps.map((s) => (s.kind === 'applied' ? { kind: 'applied', change: s.change } : { kind: 'reverted', change: s.change, ours: bytesEqual(s.change.signer, self) }));
    const reorganized = input.steps.some((s) => s.kind === 'reverted');
    let own = group.own;
    let nextGeneration = group.nextGeneration;
    let distributeTo = reorganized ? 'all' : 'none';
    if (!isNowMember) {
        own = null;
        distributeTo = 'none';
        if (wasListed)
            events.push({ kind: 'left', version: after.version });
    }
    else if (!own || !wasMember || removed.length > 0) {
        own = createOwnSenderKey(after.groupId, self, nextGeneration++, input.rng);
        distributeTo = 'all';
    }
    const pendingSenderKeys = new Map(next.pendingSenderKeys);
    const toInstall = input.received ? [input.received] : [];
    // Who asked for our key, and the version they hold: the answer also carries the changes they lack.
    const keyTo = new Map(input.keysRequestedBy ? [[keyHex(input.keysRequestedBy.member), input.keysRequestedBy.version]] : []);
    const toWipe = [];
    if (input.deferred) {
        const k = keyHex(input.deferred.owner);
        const replaced = pendingSenderKeys.get(k);
        if (replaced)
            toWipe.push(replaced.distribution);
        else if (pendingSenderKeys.size >= MAX_GROUP_MEMBERS) {
            const [oldest] = pendingSenderKeys;
            pendingSenderKeys.delete(oldest[0]);
            toWipe.push(oldest[1].distribution);
        }
        pendingSenderKeys.set(k, input.deferred);
        events.push({ kind: 'deferred', what: 'senderKey' });
    }
    for (const [k, p] of pendingSenderKeys) {
        // Kept while we are out of the group too: a reorg may bring us back, and a newer key that
        // waits here must not lose to an older one that arrives later.
        if (!isNowMember || p.distribution.stateVersion > after.version)
            continue;
        pendingSenderKeys.delete(k);
        if (!after.members.has(k)) {
            toWipe.push(p.distribution);
            continue;
        }
        try {
            toInstall.push(receivingKeyFrom(after.groupId, p.owner, p.distribution));
            if (p.requestsKeys)
                keyTo.set(k, p.distribution.stateVersion);
        }
        catch {
            toWipe.push(p.distribution);
        }
    }
    if (input.changeDeferred)
        events.push({ kind: 'deferred', what: 'change' });
    // After a reorg anyone may have rotated while we did not list them, and back in the group
    // ourselves we wiped every key: ask every member for its current key (a key that arrives with
    // this very payload may be an old one).
    const askKeysOf = new Set();
    const pushTo = new Set();
    if (isNowMember && (reorganized || !wasMember))
        for (const m of others(after, self))
            askKeysOf.add(keyHex(m.identity.identityKey));
    else if (isNowMember && !input.authored) {
        // A newcomer asks everyone once it has joined, but its request may have reached us while we
        // were on a competing branch and been refused, and a key of its that we hold may already be
        // an old one: so we also offer ours and ask for its current key. At worst each side gets a
        // key twice.
        for (const k of added) {
            if (k === keyHex(self))
                continue;
            pushTo.add(k);
            askKeysOf.add(k);
        }
    }
    const outgoing = plannedPayloads(group, next, input, { removed, added, own, distributeTo, keyTo, pushTo, askKeysOf });
    // Commit: nothing below throws.
    for (const m of removed)
        group.senderKeys.dropOwner(m.identity.identityKey);
    if (!isNowMember)
        group.senderKeys.dropAll();
    for (const r of toInstall) {
        if (isNowMember && group.senderKeys.wouldInstall(r)) {
            group.senderKeys.install(r);
            events.push({ kind: 'senderKey', member: r.owner, generation: r.generation });
        }
        else
            wipeReceivingSenderKey(r);
    }
    for (const d of toWipe)
        wipeDistribution(d);
    if (group.own && group.own !== own)
        wipeOwnSenderKey(group.own);
    const record = { self, state: after, history: next.history, own, nextGeneration, senderKeys: group.senderKeys, pendingChanges: next.pendingChanges, pendingSenderKeys };
    return { group: record, outgoing, events };
}
function plannedPayloads(group, next, input, plan) {
    const { self } = group;
    const after = next.state;
    const { authored } = input;
    const applied = effectiveChanges(input.steps);
    // Our own change goes to everyone; changes we applied travel with a rekey as gossip if small.
    let shared = null;
    if (authored)
        shared = authored.version - 1;
    else if (plan.distributeTo === 'all' && applied.length > 0 && applied.reduce((n, c) => n + c.encoded.length, 0) <= MAX_BUNDLED_CHANGE_BYTES) {
        shared = Math.min(...applied.map((c) => c.version)) - 1;
    }
    const recipients = new Map();
    const send = (delivery, to) => {
        const id = JSON.stringify(delivery);
        const entry = recipients.get(id) ?? { delivery, to: [] };
        entry.to.push(to);
        recipients.set(id, entry);
    };
    // A member asking from further back than our history reaches cannot catch up from changes; an
    // admin can hand it the whole state instead.
    const servable = (version) => version >= after.version || next.history.some((e) => e.change.version === version + 1);
    const canWelcome = plan.own !== null && isAdmin(after, self);
    for (const m of others(after, self)) {
        const k = keyHex(m.identity.identityKey);
        const holds = plan.keyTo.get(k);
        if (plan.own && ((authored && plan.added.has(k)) || (holds !== undefined && !servable(holds) && canWelcome))) {
            send('welcome', m);
            continue;
        }
        const since = holds === undefined ? shared : Math.min(holds, shared ?? holds);
        const key = plan.own !== null && (plan.distributeTo === 'all' || holds !== undefined || plan.pushTo.has(k));
        const ask = plan.askKeysOf.has(k);
        if (key || ask || (since !== null && since < after.version))
            send({ since: since !== null && since < after.version ? since : null, key, ask }, m);
    }
    if (authored)
        for (const m of plan.removed)
            if (!bytesEqual(m.identity.identityKey, self))
                send({ since: shared, key: false, ask: false }, m);
    return [...recipients.values()].flatMap(({ delivery, to }) => {
        let payload;
        if (delivery === 'welcome')
            payload = encodeWelcome(after, next.history, plan.own);
        else {
            const since = delivery.since;
            const changes = since === null ? [] : next.history.filter((e) => e.change.version > since).map((e) => e.change);
            payload = encodeUpdate(after.groupId, changes, delivery.key ? plan.own : null, after.version, delivery.ask);
        }
        return unitsTo(to, payload, input.rng);
    });
}
/** Encrypts one message for the whole group: the same envelope goes to every member (`groupRecipients`). */
export function encryptGroupMessage(group, plaintext, deps) {
    if (!group.own || !isMember(group.state, group.self))
        throw new NotMemberError('we are not a member of this group');
    const { own, envelope } = sealGroupMessage(group.state.groupId, group.own, plaintext, deps.rng);
    return { group: { ...group, own }, envelope };
}
/**
 * Decrypts a group envelope. The sender is the member its sender key was bound to over our
 * pairwise session with them; a key we never received that way, or a member no longer in the
 * state, is refused (SECURITY-TESTS #13).
 */
export function decryptGroupMessage(group, envelope) {
    const env = parseGroupEnvelope(envelope);
    const record = group.senderKeys.get(env.keyId);
    if (!record)
        throw new UnknownSenderKeyError();
    const sender = memberOf(group.state, record.owner);
    if (!sender)
        throw new NotMemberError('sender is not a member');
    const opened = openGroupMessage(group.state.groupId, record, env);
    group.senderKeys.commit(record, opened);
    return { group: { ...group }, plaintext: opened.plaintext, sender, senderKeyId: toHex(env.keyId) };
}
/** The sender key id of a group envelope, for finding which group it belongs to. */
export function groupEnvelopeKeyId(envelope) {
    return toHex(parseGroupEnvelope(envelope).keyId);
}
/** Who a group message (or our sender key) goes to: the current members other than us, and nobody else (#14). */
export function groupRecipients(group) {
    return others(group.state, group.self);
}
/**
 * Our current sender key for one current member, e.g. once a pairwise session with them exists
 * (a distribution queued for long carries an old chain position: prefer a fresh one).
 */
export function senderKeyPayloadFor(group, member) {
    if (!group.own || !isMember(group.state, group.self))
        throw new NotMemberError('we are not a member of this group');
    if (!isMember(group.state, member) || bytesEqual(member, group.self))
        throw new NotMemberError('sender keys go to current members only');
    return encodeUpdate(group.state.groupId, [], group.own, group.state.version);
}
/** Wipes every secret the record holds; use when a group record is discarded. */
export function wipeGroup(group) {
    if (group.own)
        wipeOwnSenderKey(group.own);
    group.senderKeys.dropAll();
    for (const p of group.pendingSenderKeys.values())
        wipeDistribution(p.distribution);
}
//# sourceMappingURL=group.js.map