import type { AlertState, Severity } from '@gpu-sentinel/protocol';
import { Badge, type BadgeTone } from '../../../components/badge';

const SEVERITY_TONES: Record<Severity, BadgeTone> = { critical: 'danger', warning: 'warn', info: 'info' };
const STATE_TONES: Record<AlertState, BadgeTone> = { firing: 'danger', acknowledged: 'warn', resolved: 'ok' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={SEVERITY_TONES[severity]} testId="alert-severity">
      {severity}
    </Badge>
  );
}

export function StateBadge({ state }: { state: AlertState }) {
  return (
    <Badge tone={STATE_TONES[state]} testId="alert-state">
      {state}
    </Badge>
  );
}
