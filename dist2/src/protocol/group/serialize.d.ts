import type { Group } from './group.js';
export interface GroupRecordParts {
    readonly meta: Buffer;
    readonly ownSenderKey: Buffer | null;
    /** Each received sender key, by key id (hex). */
    readonly senderKeys: ReadonlyMap<string, Buffer>;
}
export declare function serializeGroupMeta(g: Group): Buffer;
/** The bytes of one received sender key, to rewrite after `decryptGroupMessage` used it. */
export declare function serializeGroupSenderKey(g: Group, keyIdHex: string): Buffer | null;
export declare function serializeGroupParts(g: Group): GroupRecordParts;
export declare function deserializeGroupParts(parts: {
    meta: Uint8Array;
    ownSenderKey: Uint8Array | null;
    senderKeys: Iterable<Uint8Array>;
}): Group;
export declare function serializeGroup(g: Group): Buffer;
export declare function deserializeGroup(bytes: Uint8Array): Group;
