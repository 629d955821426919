/** The address to put into an invitation or handshake for the contact to send to. */
export function deliveryAddressOf(queue) {
    return { relay: queue.relay, sendId: queue.sendId, senderSeed: queue.senderSeed };
}
export function wipeRecipientQueue(queue) {
    queue.recipientKey.secretKey.wipe();
    queue.senderSeed.wipe();
}
//# sourceMappingURL=recipientQueue.js.map