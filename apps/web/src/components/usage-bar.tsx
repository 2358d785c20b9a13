interface UsageBarProps {
  /** 0–1, or null when unknown (drawn as an empty, hatched track). */
  fraction: number | null;
  label: string;
  tone?: 'accent' | 'memory';
}

/** A horizontal meter for utilisation and memory. */
export function UsageBar({ fraction, label, tone = 'accent' }: UsageBarProps) {
  const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
  return (
    <div
      className={clamped === null ? 'usage-bar usage-bar--unknown' : 'usage-bar'}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(clamped === null ? {} : { 'aria-valuenow': Math.round(clamped * 100) })}
    >
      {clamped === null ? null : (
        <div className={`usage-bar__fill usage-bar__fill--${tone}`} style={{ width: `${clamped * 100}%` }} />
      )}
    </div>
  );
}
