/** The crypto layer's public surface: typed wrappers over sodium-native (and WASM X-Wing). */
export * from './aead.js';
export * from './bytes.js';
export * from './dh.js';
export * from './errors.js';
export * from './hash.js';
export * from './hkdf.js';
export * from './kem.js';
export * from './keys.js';
export * from './random.js';
export * from './secret.js';
export * from './sign.js';
