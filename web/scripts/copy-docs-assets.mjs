// Copy Swagger UI's files next to the built dashboard so /docs works air-gapped (FastAPI's default
// /docs page loads them from a CDN). Only the three files the page needs are copied.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const src = dirname(require.resolve("swagger-ui-dist/package.json"));
const out = fileURLToPath(new URL("../../marsad/web/static/docs-assets", import.meta.url));
mkdirSync(out, { recursive: true });
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) {
  copyFileSync(join(src, f), join(out, f));
}
console.log(`copied Swagger UI assets to ${out}`);
