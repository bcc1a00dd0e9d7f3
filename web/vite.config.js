// Build the dashboard into the Python package (marsad/web/static/), which `marsad serve` serves.
// Everything the page needs is bundled: no CDN, no tile server, no web font.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../marsad/web/static", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
});
