/**
 * Builds the renderer into dist/renderer. `base: './'` lets Electron load it from file://, and the
 * output runs under a strict Content-Security-Policy: no inline scripts, no eval.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron's Chromium and current browsers; keeps the output free of legacy helpers.
    target: 'es2022',
    // Electron and current browsers preload modules natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The engine core registers nothing on import (STYLE.md), and ELK only defines its class, so
      // modules the renderer does not use are dropped and ELK (1.5 MB) loads only when a layout runs.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/](elkjs|engine[\\/]core)[\\/]/.test(id) },
    },
  },
});
