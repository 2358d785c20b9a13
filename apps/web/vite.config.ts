import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The server the dev and preview servers forward the API to (`npm start` listens on 3055).
const apiTarget = process.env['GPU_SENTINEL_API_URL'] ?? 'http://localhost:3055';
const proxy = {
  '/api': { target: apiTarget, ws: true },
  '/metrics': apiTarget,
  '/healthz': apiTarget,
  '/readyz': apiTarget,
};

export default defineConfig({
  plugins: [react()],
  // `source` first: @gpu-sentinel/protocol resolves to its TypeScript source, no build step needed.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
