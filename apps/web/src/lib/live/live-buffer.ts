import { MIN_INTERVAL_MS } from '@gpu-sentinel/protocol';

/** How much recent data the client keeps for a GPU on screen: the GPU page's charts show this window. */
export const LIVE_WINDOW_MS = 15 * 60_000;

/** A hard bound whatever the timestamps say: the window at the fastest interval the server allows. */
export const LIVE_MAX_SAMPLES = Math.ceil(LIVE_WINDOW_MS / MIN_INTERVAL_MS) + 1;
