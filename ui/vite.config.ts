/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app loads these files from its own binary: no network at run time.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  // Unit tests of the UI's logic (`npm test`), in Node: no browser, no Tauri.
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
