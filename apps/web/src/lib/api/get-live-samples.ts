/**
 * The recent samples of one GPU live in the client's live store (lib/live/live-store.ts), fed by
 * the stream; there is no endpoint behind them.
 */
export { useLiveSamples, useRecentSamples } from '../live/use-live-samples';
