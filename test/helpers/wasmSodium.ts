/**
 * libsodium-wrappers (the WASM build of libsodium 1.0.22) as an independent second implementation
 * for known-answer checks: X-Wing, keyed BLAKE2b, X25519 — computed outside src/crypto.
 */
import { createRequire } from 'node:module';
import type * as LibsodiumWrappers from 'libsodium-wrappers';

export type WasmSodium = typeof LibsodiumWrappers;

let loaded: WasmSodium | undefined;

export async function wasmSodium(): Promise<WasmSodium> {
  if (!loaded) {
    const mod = createRequire(import.meta.url)('libsodium-wrappers') as WasmSodium;
    await mod.ready;
    loaded = mod;
  }
  return loaded;
}
