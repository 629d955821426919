/**
 * How a member's state follows the signed change chain (docs/groups.md §Concurrent changes; issue
 * #6 item 2): changes that follow the current state apply; changes from the future wait (bounded);
 * duplicates and changes older than the kept history are ignored; and a different change for a
 * version we already hold is settled by the fork-choice rule of `compareChanges` — if it wins,
 * the changes from that version on are reverted (with their undo data) and it applies instead;
 * the reverted ones are then tried again on top (they apply if they still follow the state).
 * At most MAX_REORG_DEPTH changes can be reverted; the losers' authors must re-base them.
 */
import { bytesEqual, toHex } from '../../crypto/index.js';
import { InvalidFrameError, SaltlineError } from '../errors.js';
import { applyChange, assertChangeSigned, compareChanges, decodeChange, decodeUndo, encodeUndo, revertChange } from './change.js';
import { InvalidChangeError } from './errors.js';
import { MAX_ASSEMBLED_PAYLOAD_BYTES, MAX_PENDING_CHANGES, MAX_REORG_DEPTH } from './limits.js';
export function writeHistoryEntry(w, e) {
    w.bytes32(e.change.encoded).bytes32(encodeUndo(e.undo));
}
export function readHistoryEntry(r, options) {
    const change = decodeChange(r.bytes32(MAX_ASSEMBLED_PAYLOAD_BYTES), options);
    const undo = decodeUndo(r.bytes32(MAX_ASSEMBLED_PAYLOAD_BYTES), options);
    return { change, undo };
}
export function trimHistory(history) {
    return history.length > MAX_REORG_DEPTH ? history.slice(history.length - MAX_REORG_DEPTH) : history;
}
/**
 * Checks a history that came with a snapshot: walking back from `state`, each entry's undo must
 * rebuild exactly the state its change names, and re-applying the change (signature and
 * authority included) must give back the state after it.
 */
export function verifyHistory(state, history) {
    let after = state;
    for (let i = history.length - 1; i >= 0; i--) {
        const { change, undo } = history[i];
        if (change.version !== after.version)
            throw new InvalidFrameError('group history does not lead to the state');
        const base = revertChange(after, change, undo);
        if (!bytesEqual(base.hash, change.prevHash) || !bytesEqual(applyChange(base, change).state.hash, after.hash)) {
            throw new InvalidFrameError('group history does not match the state');
        }
        after = base;
    }
}
/**
 * Integrates `incoming` (and the changes already waiting) into the chain. An invalid incoming
 * change throws and nothing changes; an invalid waiting change is dropped.
 */
export function integrateChanges(state, history, pending, incoming) {
    let current = state;
    let kept = [...history];
    const steps = [];
    let progressed = false;
    // Changes a reorg reverted get another chance: two different changes can produce the very same
    // state, and what was built on one then still follows the other.
    const retry = [];
    const consider = (c) => {
        if (!bytesEqual(c.groupId, current.groupId))
            throw new InvalidChangeError('change is for another group');
        if (c.version > current.version + 1 || (c.version === current.version + 1 && !bytesEqual(c.prevHash, current.hash))) {
            assertChangeSigned(c);
            return 'waiting';
        }
        if (c.version === current.version + 1) {
            const { state: next, undo } = applyChange(current, c);
            kept.push({ change: c, undo });
            current = next;
            steps.push({ kind: 'applied', change: c });
            return 'applied';
        }
        const at = kept.findIndex((e) => e.change.version === c.version);
        const held = kept[at];
        if (!held || bytesEqual(held.change.hash, c.hash))
            return 'settled';
        if (!bytesEqual(held.change.prevHash, c.prevHash)) {
            assertChangeSigned(c);
            return 'waiting';
        }
        let base = current;
        for (let j = kept.length - 1; j >= at; j--)
            base = revertChange(base, kept[j].change, kept[j].undo);
        const { state: next, undo } = applyChange(base, c);
        if (compareChanges(base, c, held.change) >= 0)
            return 'settled';
        for (let j = kept.length - 1; j >= at; j--) {
            steps.push({ kind: 'reverted', change: kept[j].change });
            retry.push(kept[j].change);
        }
        kept = [...kept.slice(0, at), { change: c, undo }];
        current = next;
        steps.push({ kind: 'applied', change: c });
        return 'applied';
    };
    const alreadyWaiting = new Set(pending.map((c) => toHex(c.hash)));
    let waiting = [...pending.map((change) => ({ change, incoming: false })), ...incoming.map((change) => ({ change, incoming: true }))];
    for (let moved = true; moved;) {
        moved = false;
        const still = [];
        for (const item of waiting) {
            let outcome;
            try {
                outcome = consider(item.change);
            }
            catch (e) {
                if (item.incoming || !(e instanceof SaltlineError))
                    throw e;
                outcome = 'settled';
            }
            if (outcome === 'applied') {
                moved = true;
                progressed ||= item.incoming;
            }
            else if (outcome === 'waiting')
                still.push(item);
        }
        waiting = [...still, ...retry.splice(0).map((change) => ({ change, incoming: false }))];
    }
    const byHash = new Map();
    let parked = false;
    for (const { change, incoming: isNew } of waiting) {
        const h = toHex(change.hash);
        if (isNew && !alreadyWaiting.has(h) && !byHash.has(h))
            parked = true;
        byHash.set(h, change);
    }
    const stillPending = [...byHash.values()].slice(-MAX_PENDING_CHANGES);
    return { state: current, history: trimHistory(kept), pending: stillPending, steps, progressed: progressed || parked, parked };
}
//# sourceMappingURL=history.js.map