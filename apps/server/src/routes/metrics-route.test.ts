import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './metrics-route.js';

describe('acceptsGzip', () => {
  it('takes gzip as Prometheus and browsers offer it, and refuses what the header refuses', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, gzip;q=0.000')).toBe(false);
  });
});
