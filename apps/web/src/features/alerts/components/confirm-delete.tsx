interface ConfirmDeleteProps {
  /** What is deleted, for the group's label: "channel Ops hook", "rule GPU hot". */
  what: string;
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** A short question before the buttons, where the row has room for it. */
  prompt?: string;
}

/** The second step of a delete: confirm or keep. */
export function ConfirmDelete({ what, isPending, onConfirm, onCancel, prompt }: ConfirmDeleteProps) {
  return (
    <span className="confirm" role="group" aria-label={`Delete ${what}?`}>
      {prompt === undefined ? null : <span>{prompt}</span>}
      <button type="button" className="button button--danger" disabled={isPending} onClick={onConfirm}>
        Yes, delete
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Keep
      </button>
    </span>
  );
}
