import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'ok' | 'warn' | 'danger' | 'sim' | 'info';

interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string | undefined;
  testId?: string | undefined;
}

export function Badge({ tone = 'neutral', children, title, testId }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
