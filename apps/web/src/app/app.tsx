import { AuthGate } from './auth-gate';
import { Layout } from './layout';
import { AppProvider } from './provider';
import { AppRoutes } from './router';

export function App() {
  return (
    <AppProvider>
      <AuthGate>
        <Layout>
          <AppRoutes />
        </Layout>
      </AuthGate>
    </AppProvider>
  );
}
