import { WebAppError } from './errors.js';
export class ClientSession {
    openClient;
    #client;
    /** Clients we opened are ours to close; one handed to us at start is closed only on "lock". */
    #owned = false;
    #unsubscribe;
    #pending = Promise.resolve();
    #listeners = new Set();
    constructor(openClient, initial) {
        this.openClient = openClient;
        if (initial !== undefined)
            this.#attach(initial, false);
    }
    get client() {
        return this.#client;
    }
    unlock(passphrase) {
        return this.#serial(async () => {
            if (this.#client !== undefined)
                throw new WebAppError('ALREADY_UNLOCKED', 409, 'the profile is already unlocked');
            const client = await this.openClient(passphrase);
            this.#attach(client, true);
            this.#emit({ type: 'unlocked', profile: client.profile });
            return client.profile;
        });
    }
    lock() {
        return this.#serial(async () => {
            const client = this.#detach();
            if (client === undefined)
                return;
            await client.close();
            this.#emit({ type: 'locked' });
        });
    }
    /** Tells listeners the profile changed (after setName): the SDK has no event for it. */
    profileChanged() {
        if (this.#client !== undefined)
            this.#emit({ type: 'profile', profile: this.#client.profile });
    }
    on(listener) {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }
    /** Stops listening and closes the client if this session opened it. */
    close() {
        return this.#serial(async () => {
            const owned = this.#owned;
            const client = this.#detach();
            this.#listeners.clear();
            if (client !== undefined && owned)
                await client.close();
        });
    }
    #attach(client, owned) {
        this.#client = client;
        this.#owned = owned;
        this.#unsubscribe = client.on((event) => this.#emit(event));
    }
    #detach() {
        const client = this.#client;
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
        this.#client = undefined;
        this.#owned = false;
        return client;
    }
    #emit(event) {
        for (const listener of this.#listeners)
            listener(event);
    }
    #serial(work) {
        const run = this.#pending.then(work, work);
        this.#pending = run.catch(() => undefined);
        return run;
    }
}
//# sourceMappingURL=clientSession.js.map