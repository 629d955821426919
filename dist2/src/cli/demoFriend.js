export const DEMO_FRIEND_NAME = 'Demo friend';
export const DEMO_WELCOME = 'Hi! I am Demo friend, a small bot with my own Saltline profile, running inside this `saltline demo` process. ' +
    'Write me something and I will answer. Everything we send goes through the local relay end-to-end encrypted: the relay only sees opaque bytes.';
const TIPS = [
    'Tip: “Safety number” at the top shows the number to compare with a real contact, in person or on a call.',
    'Tip: Ctrl+K searches all your messages. The search index on disk is encrypted too.',
    'Tip: to talk to a real person, choose “New contact” → “Create invitation” and give them the link (with a relay both of you can reach).',
    'Tip: Settings → “Export backup” saves an encrypted copy of your profile.',
    'Tip: the ticks under your messages go from sent (the relay has it) to delivered (my app decrypted it) to read.',
];
const MAX_QUOTE = 80;
export function demoReply(text, count) {
    const flat = text.replace(/\s+/g, ' ').trim();
    const quote = flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE)}…` : flat;
    return `You said: “${quote}”. ${TIPS[count % TIPS.length]}`;
}
/**
 * Starts answering incoming messages on `client` (already open). Returns a function that stops
 * answering and resolves once the replies under way are saved.
 */
export function startDemoFriend(client) {
    let replies = 0;
    let queue = Promise.resolve();
    let stopped = false;
    const answer = async (message) => {
        if (stopped)
            return;
        await client.markRead(message.conversationId);
        await client.send(message.conversationId, demoReply(message.text, replies++));
    };
    const off = client.on((event) => {
        if (event.type !== 'message' || event.message.outgoing)
            return;
        const message = event.message;
        // One reply at a time, in order; a failed reply (e.g. the client is closing) is skipped.
        queue = queue.then(() => answer(message)).catch(() => undefined);
    });
    return async () => {
        stopped = true;
        off();
        await queue;
    };
}
//# sourceMappingURL=demoFriend.js.map