export { fakeNvidiaSmi, startServer, type RunningServer } from '@gpu-sentinel/bench/server-process';
