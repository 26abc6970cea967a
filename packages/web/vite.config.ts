/** Vite build of the web SPA. Every page is a lazy route chunk; shared vendor code splits by use, not by hand. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist', // relative to packages/web, where `npm run build -w @kechuang/web` runs
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
