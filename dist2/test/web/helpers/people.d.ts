import { Client, type ClientOptions } from '../../../src/client/client.js';
import type { ClientEvent, ContactInfo } from '../../../src/client/types.js';
import { type RunningRelay } from '../../../src/relay/wsServer.js';
/** Short timeouts and backoff, so a test waits on the network in tens of milliseconds. */
export declare const FAST: ClientOptions;
export interface TestWorld {
    readonly relay: RunningRelay;
    /** A temporary folder for profiles and anything else; removed on close. */
    readonly dir: string;
    /** Creates a profile folder (closed again): what `saltline init` leaves behind. */
    createProfile(name: string, passphrase?: string): Promise<{
        dir: string;
        passphrase: string;
    }>;
    /** An in-memory client on the relay, already online. */
    person(name: string, options?: ClientOptions): Promise<Client>;
    close(): Promise<void>;
}
export declare function startWorld(): Promise<TestWorld>;
export declare function waitForEvent<E extends ClientEvent = ClientEvent>(client: Pick<Client, 'on'>, match: (e: ClientEvent) => boolean, what?: string, ms?: number): Promise<E>;
/**
 * `inviter` invites, `invitee` accepts under `nameOnInvitee`; resolves when both sides have the
 * contact and the handshake is complete (the inviter's reply arrived).
 */
export declare function introduce(inviter: Client, invitee: Client, nameOnInvitee: string): Promise<{
    onInviter: ContactInfo;
    onInvitee: ContactInfo;
}>;
