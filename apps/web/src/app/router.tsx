import { Link } from '../components/link';
import { AdminPage } from '../features/admin/components/admin-page';
import { AlertDetail } from '../features/alerts/components/alert-detail';
import { AlertsOverviewStrip } from '../features/alerts/components/alerts-overview-strip';
import { AlertsPage } from '../features/alerts/components/alerts-page';
import { FleetPage } from '../features/fleet/components/fleet-page';
import { HostPage } from '../features/fleet/components/host-page';
import { GpuPage } from '../features/gpu-detail/components/gpu-page';
import { HistoryPage } from '../features/history/components/history-page';
import { OverviewPage } from '../features/overview/components/overview-page';
import { matchRoute, paths, usePathname } from '../lib/router';

export function AppRoutes() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'overview':
      return (
        <>
          <AlertsOverviewStrip />
          <OverviewPage />
        </>
      );
    case 'gpu':
      return <GpuPage key={route.uuid} uuid={route.uuid} />;
    case 'history':
      return <HistoryPage />;
    case 'fleet':
      return <FleetPage />;
    case 'fleet-host':
      return <HostPage key={route.hostId} hostId={route.hostId} />;
    case 'admin':
      return <AdminPage section={route.section} />;
    case 'alerts':
      return <AlertsPage section={route.section} />;
    case 'alert':
      return <AlertDetail key={route.id} id={route.id} />;
    // The auth gate renders these two while signed out, and leaves them once signed in.
    case 'login':
    case 'setup':
      return null;
    case 'not-found':
      return (
        <div className="page-state">
          <p>There is no page here.</p>
          <Link href={paths.overview}>Go to the overview</Link>
        </div>
      );
  }
}
