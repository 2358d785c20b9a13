export * from './evaluator-types.js';
export * from './condition.js';
export * from './replay-rule.js';
