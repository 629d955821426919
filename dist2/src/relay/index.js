/** The relay's public surface (issues #4, #9): start a relay, its core, and the queue stores. */
export * from './config.js';
export * from './healthServer.js';
export * from './logStore.js';
export * from './memoryStore.js';
export * from './natsConfig.js';
export * from './natsNaming.js';
export * from './natsQueueStore.js';
export * from './queueStore.js';
export * from './relayCore.js';
export * from './session.js';
export * from './tlsIdentity.js';
export * from './wsServer.js';
//# sourceMappingURL=index.js.map