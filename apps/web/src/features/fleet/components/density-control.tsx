import { FLEET_DENSITIES, type FleetDensity } from '../model/fleet-density';
import type { FleetViewState } from '../model/fleet-url';
import { goToFleetView } from './fleet-page-state';

const DENSITY_LABELS: Record<FleetDensity, string> = { comfortable: 'Comfortable', compact: 'Compact' };

/** Comfortable cards or compact heatmap lines: a radio group, the choice kept in the URL. */
export function DensityControl({ view, shown }: { view: FleetViewState; shown: FleetDensity }) {
  return (
    <div
      className="fleet-density"
      role="radiogroup"
      aria-labelledby="fleet-density-label"
      data-testid="fleet-density"
      data-density={shown}
    >
      <span id="fleet-density-label" className="fleet-density__label">
        Density
      </span>
      {FLEET_DENSITIES.map((density) => (
        <label key={density} className="fleet-density__option">
          <input
            type="radio"
            name="fleet-density"
            value={density}
            checked={shown === density}
            data-testid={`fleet-density-${density}`}
            onChange={() => goToFleetView({ ...view, density })}
            className="fleet-density__input"
          />
          <span>{DENSITY_LABELS[density]}</span>
        </label>
      ))}
    </div>
  );
}
