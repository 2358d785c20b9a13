export * from './api.js';
export * from './config.js';
export * from './errors.js';
export * from './gpu.js';
export * from './source.js';
export * from './stream.js';
export * from './system.js';
export * from './temperature.js';
