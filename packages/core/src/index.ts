export * from './clock.js';
export * from './nvidia-smi/index.js';
