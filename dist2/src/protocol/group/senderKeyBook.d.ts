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
import { type IdentityPublicKey } from '../../crypto/index.js';
import type { OpenedMessage } from './message.js';
import { type ReceivingSenderKey } from './senderKey.js';
export declare class SenderKeyBook {
    #private;
    static from(records: Iterable<ReceivingSenderKey>): SenderKeyBook;
    get(keyId: Uint8Array): ReceivingSenderKey | undefined;
    /** The member's newest sender key, if any. */
    newest(owner: Uint8Array): ReceivingSenderKey | undefined;
    records(): IterableIterator<ReceivingSenderKey>;
    get size(): number;
    get skippedCount(): number;
    /**
     * Whether `record` would be kept: it must be new and at least as recent as the member's
     * newest key (an older distribution arriving late never replaces a newer key).
     */
    wouldInstall(record: ReceivingSenderKey): boolean;
    /** Adds `record` as the owner's newest key (caller checked `wouldInstall`), dropping keys beyond the limit. */
    install(record: ReceivingSenderKey): void;
    /** Forgets every key of a member (removed or left), wiping them. */
    dropOwner(owner: IdentityPublicKey): void;
    dropAll(): void;
    /** Applies a successful `openGroupMessage`: the used key is wiped, the chain advanced, the cap kept. */
    commit(record: ReceivingSenderKey, opened: OpenedMessage): void;
}
