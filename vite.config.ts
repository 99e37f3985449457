// SPDX-License-Identifier: EUPL-1.2
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";
import { serviceWorker } from "./scripts/vite-service-worker";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Native modules must stay outside both the SSR bundle and dependency pre-bundling.
const nativeModules = ["better-sqlite3", "@node-rs/argon2", "pg"];

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths(), serviceWorker()],
  ssr: { external: nativeModules },
  optimizeDeps: { exclude: nativeModules },
  build: { target: "es2022" },
  server: { port: 3000 },
});
