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
    rollupOptions: {
      input: Object.fromEntries(pages),
      // Both faces import web-shared through its one barrel (src/index.ts). Its modules call makeStyles() at the
      // top level, which the bundler must keep as a side effect, so every component the barrel lists (follow-up
      // menu, cards, popovers, their icons) came along with any import from it and landed in the first paint of
      // both faces. web-shared has no import-time effects: what is not used is dropped, like Fluent's own packages.
      treeshake: { moduleSideEffects: [{ test: /[\\/]web-shared[\\/]src[\\/]/, sideEffects: false }] },
    },
  },
});
