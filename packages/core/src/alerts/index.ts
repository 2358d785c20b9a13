export * from './evaluator-types.js';
export * from './condition.js';
export * from './replay-rule.js';
export { createEvaluatorState, type EvaluatorState } from './evaluator-state.js';
export { evaluateRules } from './evaluate-rules.js';
export { acknowledgeAlert, attachAlertId, seedActiveAlerts, silenceAlert } from './alert-control.js';
