import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves the built console under /admin/ (apps/server), so every asset URL needs it.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `vite` (dev) talks to a running server, so the session cookie stays same-origin.
  server: { proxy: { '/trpc': process.env.SAMRAD_URL ?? 'http://127.0.0.1:3000' } },
});
