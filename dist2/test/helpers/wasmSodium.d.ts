import type * as LibsodiumWrappers from 'libsodium-wrappers';
export type WasmSodium = typeof LibsodiumWrappers;
export declare function wasmSodium(): Promise<WasmSodium>;
