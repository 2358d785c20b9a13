export * from './plan-history-read.js';
export * from './rollup.js';
