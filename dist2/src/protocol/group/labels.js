/**
 * Domain-separation labels of the group protocol (docs/groups.md §Labels, issue #6). Same
 * `Saltline/v1/` prefix as the 1:1 labels in ../labels.ts but all distinct from them, so nothing
 * made on the group path (a key, an associated datum, a signature) is accepted on the 1:1 path or
 * for another group purpose (SECURITY-TESTS #15).
 */
const label = (s) => Buffer.from(`Saltline/v1/${s}`, 'utf8');
export const GROUP_LABELS = {
    messageHeader: label('group-message-header'),
    messageBody: label('group-message'),
    messageSignature: label('group-message-signature'),
    senderKeyId: label('group-sender-key-id'),
    senderKeyPossession: label('group-sender-key-possession'),
    state: label('group-state'),
    change: label('group-change'),
    changeHash: label('group-change-hash'),
    introduction: label('group-introduction'),
};
//# sourceMappingURL=labels.js.map