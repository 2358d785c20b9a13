import type { SystemStatus } from '@gpu-sentinel/protocol';
import type { Bus } from '../bus/bus.js';
import type { LiveState } from '../live/live-state.js';
import { publishSystemStatus } from './get-system-status.js';
import type { ServerFacts } from './server-facts.js';

/** The part of the sample writer this use case drives. */
export interface RecordingSwitch {
  setRecording(isRecording: boolean): void;
}

export interface SetRecordingDeps {
  live: LiveState;
  writer: RecordingSwitch;
  bus: Pick<Bus, 'publish'>;
  facts: ServerFacts;
}

/** `PUT /system/recording`: pause or resume storing samples; the live stream goes on either way. */
export function setRecording(deps: SetRecordingDeps, isRecording: boolean): SystemStatus {
  deps.writer.setRecording(isRecording);
  deps.live.isRecording = isRecording;
  return publishSystemStatus(deps.live, deps.facts, deps.bus);
}
