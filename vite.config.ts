import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client lives in client/; `npm run dev` serves it with hot reload and proxies the API and the
// websocket to the server started beside it (DEV_SERVER_PORT, default 8080).
const serverPort = Number(process.env.DEV_SERVER_PORT ?? process.env.PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/ws': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
});
