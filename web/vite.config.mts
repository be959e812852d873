import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const contracts = fileURLToPath(new URL('../packages/contracts/src/index.ts', import.meta.url));

// The gateway serves dist/ at `/`; `npm run dev -w web` proxies the API and socket.io to a local gateway.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@mediq/contracts': contracts } },
  // The manifest lets scripts/kiosk-size.mjs find exactly the chunks the kiosk route loads.
  build: { target: 'es2022', sourcemap: false, manifest: true, chunkSizeWarningLimit: 400 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8601',
      '/socket.io': { target: 'http://127.0.0.1:8601', ws: true },
    },
  },
});
