/**
 * The web app's hold on the SDK (issue 7, item 1 "unlock screen"): either locked (no client,
 * keys not in memory) or unlocked with one SDK client. Unlocking opens the profile with the
 * passphrase through the caller's `openClient`; one attempt runs at a time, so a page cannot make
 * the process run many key derivations at once. Listeners hear every SDK event and every change
 * between locked and unlocked.
 */
import type { ProfileInfo } from '../client/types.js';
import type { AppEvent } from './apiTypes.js';
import { WebAppError } from './errors.js';
import type { WebClient } from './webClient.js';

export type SessionEvent = Exclude<AppEvent, { type: 'backupProgress' }>;

export class ClientSession {
  #client: WebClient | undefined;
  /** Clients we opened are ours to close; one handed to us at start is closed only on "lock". */
  #owned = false;
  #unsubscribe: (() => void) | undefined;
  #pending: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(event: SessionEvent) => void>();

  constructor(
    private readonly openClient: (passphrase: string) => Promise<WebClient>,
    initial: WebClient | undefined,
  ) {
    if (initial !== undefined) this.#attach(initial, false);
  }

  get client(): WebClient | undefined {
    return this.#client;
  }

  unlock(passphrase: string): Promise<ProfileInfo> {
    return this.#serial(async () => {
      if (this.#client !== undefined) throw new WebAppError('ALREADY_UNLOCKED', 409, 'the profile is already unlocked');
      const client = await this.openClient(passphrase);
      this.#attach(client, true);
      this.#emit({ type: 'unlocked', profile: client.profile });
      return client.profile;
    });
  }

  lock(): Promise<void> {
    return this.#serial(async () => {
      const client = this.#detach();
      if (client === undefined) return;
      await client.close();
      this.#emit({ type: 'locked' });
    });
  }

  /** Tells listeners the profile changed (after setName): the SDK has no event for it. */
  profileChanged(): void {
    if (this.#client !== undefined) this.#emit({ type: 'profile', profile: this.#client.profile });
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops listening and closes the client if this session opened it. */
  close(): Promise<void> {
    return this.#serial(async () => {
      const owned = this.#owned;
      const client = this.#detach();
      this.#listeners.clear();
      if (client !== undefined && owned) await client.close();
    });
  }

  #attach(client: WebClient, owned: boolean): void {
    this.#client = client;
    this.#owned = owned;
    this.#unsubscribe = client.on((event) => this.#emit(event));
  }

  #detach(): WebClient | undefined {
    const client = this.#client;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = undefined;
    this.#owned = false;
    return client;
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#pending.then(work, work);
    this.#pending = run.catch(() => undefined);
    return run;
  }
}
