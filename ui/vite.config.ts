/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// vitest 5 declares Node ≥ 22; on the project's Node 20 its failure report calls Map.groupBy
// (Node 21+) and crashes, hiding which test failed. This small polyfill runs in the vitest main
// process only (the config is not part of the app bundle).
const MapWithGroupBy = Map as unknown as { groupBy?: unknown }
if (typeof MapWithGroupBy.groupBy !== 'function') {
  MapWithGroupBy.groupBy = <T, K>(items: Iterable<T>, key: (item: T, i: number) => K) => {
    const out = new Map<K, T[]>()
    let i = 0
    for (const item of items) {
      const k = key(item, i++)
      const list = out.get(k)
      if (list) list.push(item)
      else out.set(k, [item])
    }
    return out
  }
}

// Tauri serves `dist/` from a custom protocol; the dev server port is fixed for `devUrl`.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    // WebView2 (Windows) and WebKitGTK (统信UOS/麒麟) of old office PCs.
    target: ['es2021', 'safari15'],
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
    setupFiles: ['tests/setup.ts'],
    css: false,
    // Whole screens (App with its router, Element Plus forms) mount in 1–5 s on a loaded 2-core
    // machine; the default 5 s made specs fail by the clock, not by behaviour.
    testTimeout: 20000,
    // Let Vite resolve Element Plus's imports like the app build does: loaded natively by Node,
    // its `import AsyncValidator from 'async-validator'` gets the CJS build's exports object,
    // every form rule silently "passes", and validation tests would prove nothing.
    server: { deps: { inline: ['element-plus'] } },
  },
})
