/** Facts about this server process that do not change while it runs. */
export interface ServerFacts {
  version: string;
  nodeVersion: string;
  hostId: string;
  hostname: string;
  startedAt: number;
  storage: { engine: 'sqlite'; location: string };
}
