import type { CreateApiKeyResponse } from '@gpu-sentinel/protocol';
import { useRef, useState } from 'react';

/** The new key, shown this once: the server keeps only its hash. */
export function CreatedKeyNotice({ created, onDismiss }: { created: CreateApiKeyResponse; onDismiss: () => void }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'select'>('idle');
  const keyRef = useRef<HTMLElement>(null);

  const copy = () => {
    // The Clipboard API needs a secure context (HTTPS or localhost); elsewhere select the key instead.
    const selectKey = () => {
      if (keyRef.current) window.getSelection()?.selectAllChildren(keyRef.current);
      setCopyState('select');
    };
    if (!(window.isSecureContext && 'clipboard' in navigator)) {
      selectKey();
      return;
    }
    navigator.clipboard.writeText(created.key).then(() => setCopyState('copied'), selectKey);
  };

  return (
    <div className="key-notice" data-testid="apikey-created" role="status">
      <p className="key-notice__warning">
        <strong>Copy this key now.</strong> It is shown only once: GPU Sentinel keeps only a hash of it. Use it as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="key-notice__row">
        <code className="key-notice__key" ref={keyRef} data-testid="apikey-value">
          {created.key}
        </code>
        <button type="button" className="button button--primary" data-testid="apikey-copy" onClick={copy}>
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Done
        </button>
      </div>
      {copyState === 'select' ? <p className="panel-note">Selected: press Ctrl+C (⌘C) to copy.</p> : null}
      <p className="panel-note">
        Key “{created.name}”, scope {created.scope}.
      </p>
    </div>
  );
}
