import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Tauri webview loads dist/ from inside the binary; `npm run dev` serves the
// same UI on the port tauri.conf.json's devUrl names.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", target: "safari16", sourcemap: false, chunkSizeWarningLimit: 2000 },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
  },
});
