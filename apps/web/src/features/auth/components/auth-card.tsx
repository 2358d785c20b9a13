import type { ReactNode } from 'react';
import { ThemeToggle } from '../../../components/theme-toggle';
import './auth.css';

/** The frame of the sign-in and setup pages: the brand, a title and a form, centred. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-screen">
      <div className="auth-screen__theme">
        <ThemeToggle />
      </div>
      <main className="auth-card">
        <div className="auth-card__brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect x="5" y="8" width="22" height="16" rx="3" />
            <path d="M9 19l4-5 3 3 4-6 3 4" />
          </svg>
          <span>GPU Sentinel</span>
        </div>
        <h1 className="auth-card__title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
