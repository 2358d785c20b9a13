export * from './gpu-source.js';
