/** Tunables of the relay core with their defaults (issue #4 §Delivery: expiry, quotas, rate limits). */
import { systemRng } from '../crypto/random.js';
export const DEFAULT_RELAY_CORE_OPTIONS = {
    expiryMs: 21 * 24 * 60 * 60 * 1000,
    expirySweepMs: 60_000,
    deliveryWindow: 128,
    commandsPerSecond: 10_000,
    commandBurst: 20_000,
    errorsPerSecond: 20,
    errorBurst: 200,
    maxSubscriptionsPerConnection: 4096,
    now: Date.now,
    rng: systemRng,
    log: () => undefined,
};
//# sourceMappingURL=config.js.map