import { errorMessage } from '../../../lib/api-client';
import { useSystem } from '../../../lib/api/get-system';
import { useUpdateRecording } from '../api/update-recording';

/** Pause or resume storing history; the live view is not affected. */
export function RecordingToggle() {
  const system = useSystem().data;
  const mutation = useUpdateRecording();
  const isRecording = system?.isRecording ?? true;
  const error = mutation.isError ? errorMessage(mutation.error) : null;
  const action = isRecording ? 'Pause recording (the live view continues)' : 'Resume recording';

  return (
    <>
      <button
        type="button"
        className={isRecording ? 'toggle toggle--recording' : 'toggle toggle--paused'}
        data-testid="recording-toggle"
        data-recording={String(isRecording)}
        aria-pressed={isRecording}
        disabled={system === undefined || mutation.isPending}
        onClick={() => mutation.mutate(!isRecording)}
        title={error ?? action}
        aria-label={action}
      >
        <span className="toggle__icon" aria-hidden="true" />
        {isRecording ? 'Recording' : 'Paused'}
      </button>
      {error ? (
        <span className="control__error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
