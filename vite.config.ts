// One build for both front ends: every HTML page in addin/ and teams-app/ is an entry, so each face adds
// pages without touching this file. Output goes to dist/web, which the backend serves on its own port.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const pages = ['addin', 'teams-app'].flatMap((dir) =>
  readdirSync(resolve(import.meta.dirname, dir), { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.html'))
    .map((f) => [`${dir}/${f.name.replace(/\.html$/, '')}`, resolve(import.meta.dirname, dir, f.name)] as const),
);

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: Object.fromEntries(pages) },
  },
});
