/**
 * The receiving sender keys of one group (docs/groups.md §Sender keys; issue #6 items 1 and 6):
 * found by key id in O(1), so receiving costs the same in a group of 3 or 1,000. At most
 * SENDER_KEYS_PER_MEMBER keys per member (the newest, and the one before it for messages still in
 * flight) and at most MAX_STORED_SKIPPED_KEYS skipped message keys in the whole group, the
 * oldest evicted first (SECURITY-TESTS #4). Every key dropped is wiped (#7).
 *
 * This is the one mutable part of a `Group`: group functions validate everything first and then
 * commit here, so a failure changes nothing, and a success consumes the input group (the returned
 * group shares this book).
 */
import { toHex } from '../../crypto/index.js';
import { MAX_STORED_SKIPPED_KEYS } from '../limits.js';
import { SENDER_KEYS_PER_MEMBER } from './limits.js';
import { wipeReceivingSenderKey } from './senderKey.js';
export class SenderKeyBook {
    #byKeyId = new Map();
    /** Newest first. */
    #byOwner = new Map();
    #skipped = 0;
    static from(records) {
        const book = new SenderKeyBook();
        const sorted = [...records].sort((a, b) => b.generation - a.generation);
        for (const r of sorted) {
            const list = book.#byOwner.get(toHex(r.owner)) ?? [];
            list.push(r);
            book.#byOwner.set(toHex(r.owner), list);
            book.#byKeyId.set(toHex(r.keyId), r);
            book.#skipped += r.skipped.size;
        }
        return book;
    }
    get(keyId) {
        return this.#byKeyId.get(toHex(keyId));
    }
    /** The member's newest sender key, if any. */
    newest(owner) {
        return this.#byOwner.get(toHex(owner))?.[0];
    }
    records() {
        return this.#byKeyId.values();
    }
    get size() {
        return this.#byKeyId.size;
    }
    get skippedCount() {
        return this.#skipped;
    }
    /**
     * Whether `record` would be kept: it must be new and at least as recent as the member's
     * newest key (an older distribution arriving late never replaces a newer key).
     */
    wouldInstall(record) {
        if (this.#byKeyId.has(toHex(record.keyId)))
            return false;
        const newest = this.newest(record.owner);
        return !newest || record.generation >= newest.generation;
    }
    /** Adds `record` as the owner's newest key (caller checked `wouldInstall`), dropping keys beyond the limit. */
    install(record) {
        const owner = toHex(record.owner);
        const list = [record, ...(this.#byOwner.get(owner) ?? [])];
        for (const old of list.splice(SENDER_KEYS_PER_MEMBER))
            this.#drop(old);
        this.#byOwner.set(owner, list);
        this.#byKeyId.set(toHex(record.keyId), record);
    }
    /** Forgets every key of a member (removed or left), wiping them. */
    dropOwner(owner) {
        for (const r of this.#byOwner.get(toHex(owner)) ?? [])
            this.#drop(r);
        this.#byOwner.delete(toHex(owner));
    }
    dropAll() {
        for (const r of [...this.#byKeyId.values()])
            this.#drop(r);
        this.#byOwner.clear();
    }
    /** Applies a successful `openGroupMessage`: the used key is wiped, the chain advanced, the cap kept. */
    commit(record, opened) {
        if (opened.advance) {
            record.chainKey.wipe();
            record.chainKey = opened.advance.chainKey;
            record.next = opened.iteration + 1;
            for (const [n, mk] of opened.advance.skipped)
                record.skipped.set(n, mk);
            this.#skipped += opened.advance.skipped.size;
        }
        else {
            record.skipped.delete(opened.iteration);
            this.#skipped -= 1;
        }
        opened.messageKey.wipe();
        this.#evict(record);
    }
    /**
     * Over the cap, the oldest skipped keys of the chain that just skipped go first (its gap is the
     * likeliest to be lost messages), then those of the other keys in the order they were added.
     */
    #evict(first) {
        if (this.#skipped <= MAX_STORED_SKIPPED_KEYS)
            return;
        for (const r of [first, ...this.#byKeyId.values()]) {
            for (const [n, mk] of r.skipped) {
                if (this.#skipped <= MAX_STORED_SKIPPED_KEYS)
                    return;
                mk.wipe();
                r.skipped.delete(n);
                this.#skipped -= 1;
            }
        }
    }
    #drop(r) {
        this.#skipped -= r.skipped.size;
        this.#byKeyId.delete(toHex(r.keyId));
        wipeReceivingSenderKey(r);
    }
}
//# sourceMappingURL=senderKeyBook.js.map