import { SaltlineError, type IdentityPublicKey, type Rng } from '../../../src/crypto/index.js';
import { type Identity } from '../../../src/protocol/index.js';
import { type Group, type GroupEvent, type GroupOp, type Outgoing, type Role } from '../../../src/protocol/group/index.js';
export declare function seededRng(label: string): Rng;
export declare const text: (s: string) => Buffer;
export interface Peer {
    readonly name: string;
    readonly identity: Identity;
    readonly key: IdentityPublicKey;
    readonly address: Buffer;
    group: Group | null;
    readonly events: GroupEvent[];
}
export interface InFlight {
    readonly from: Peer;
    readonly to: Peer;
    readonly payload: Buffer;
}
export interface Failure {
    readonly item: InFlight;
    readonly error: SaltlineError;
}
export declare class GroupNet {
    readonly rng: Rng;
    readonly peers: Map<string, Peer>;
    readonly queue: InFlight[];
    readonly failures: Failure[];
    private readonly fragments;
    constructor(rng: Rng);
    static withPeers(label: string, names: readonly string[]): GroupNet;
    addPeer(name: string): Peer;
    peer(name: string): Peer;
    byKey(key: Uint8Array): Peer;
    group(name: string): Group;
    /** `creator` creates a group with `members` (optionally with roles) and the welcomes are queued. */
    create(creator: string, members: readonly (string | [string, Role])[], groupName?: string): void;
    change(actor: string, ops: readonly GroupOp[]): void;
    enqueue(from: Peer, outgoing: readonly Outgoing[]): void;
    /** Delivers one item as its 1:1 session would (sender = the authenticated peer); returns the error if it was refused. */
    deliver(item: InFlight, from?: Peer): SaltlineError | null;
    /** Delivers everything queued (and whatever that produces), in order or in the order `pick` chooses. */
    flush(pick?: (queue: InFlight[]) => number): void;
    /** Failures other than benign "already known" duplicates. */
    realFailures(): Failure[];
    send(name: string, message: string): Buffer;
    /** Decrypts as `name`; returns the text and the sender's name. */
    read(name: string, envelope: Uint8Array): {
        text: string;
        sender: string;
    };
    memberNames(name: string): string[];
}
/** Asserts that `run` throws a SaltlineError with `code` and leaves `peer`'s group exactly as it was. */
export declare function assertRejected(peer: Peer, code: string, run: (g: Group) => unknown): SaltlineError;
/** Every member of the group reads one message from `sender` (and nobody else can). */
export declare function everyoneReads(net: GroupNet, sender: string, message: string): void;
