import { z } from 'zod';

/** Temperature bands, hottest first: a reading belongs to the first band whose floor it reaches. */
export const TemperatureBand = z.enum(['critical', 'warning', 'normal', 'optimal', 'cool']);
export type TemperatureBand = z.infer<typeof TemperatureBand>;

export const TEMPERATURE_BAND_FLOORS_C: readonly (readonly [TemperatureBand, number])[] = [
  ['critical', 85],
  ['warning', 75],
  ['normal', 65],
  ['optimal', 50],
];

export function temperatureBand(temperatureC: number | null): TemperatureBand | null {
  if (temperatureC === null) return null;
  for (const [band, floorC] of TEMPERATURE_BAND_FLOORS_C) {
    if (temperatureC >= floorC) return band;
  }
  return 'cool';
}
