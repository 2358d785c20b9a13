import { Link } from '../components/link';
import { GpuPage } from '../features/gpu-detail/components/gpu-page';
import { OverviewPage } from '../features/overview/components/overview-page';
import { matchRoute, paths, usePathname } from '../lib/router';

export function AppRoutes() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'gpu':
      return <GpuPage key={route.uuid} uuid={route.uuid} />;
    case 'not-found':
      return (
        <div className="page-state">
          <p>There is no page here.</p>
          <Link href={paths.overview}>Go to the overview</Link>
        </div>
      );
  }
}
