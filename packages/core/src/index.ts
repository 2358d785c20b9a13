export * from './clock.js';
export * from './nvidia-smi/index.js';
export * from './auth/policy.js';
export * from './history/index.js';
export * from './alerts/index.js';
export * from './host-id.js';
