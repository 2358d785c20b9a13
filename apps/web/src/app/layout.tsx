import type { ReactNode } from 'react';
import { AlertToasts } from '../features/alerts/components/alert-toasts';
import { SystemNotices } from '../features/system-controls/components/system-notices';
import { Header } from './header';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="app">
      <Header />
      <main className="app-main">
        <SystemNotices />
        {children}
      </main>
      <AlertToasts />
    </div>
  );
}
