/**
 * libsodium-wrappers (the WASM build of libsodium 1.0.22) as an independent second implementation
 * for known-answer checks: X-Wing, keyed BLAKE2b, X25519 — computed outside src/crypto.
 */
import { createRequire } from 'node:module';
let loaded;
export async function wasmSodium() {
    if (!loaded) {
        const mod = createRequire(import.meta.url)('libsodium-wrappers');
        await mod.ready;
        loaded = mod;
    }
    return loaded;
}
//# sourceMappingURL=wasmSodium.js.map