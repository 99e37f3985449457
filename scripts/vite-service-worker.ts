// SPDX-License-Identifier: EUPL-1.2
// Builds the service worker (app/offline/service-worker.ts) into the client build as /sw.js, once
// the client bundle is written. Its version is a hash of the bundle's file names and of content/:
// a new build or changed training text gives a new version, and the worker then drops the pages
// saved from the old one (docs/decisions/036-offline-lessons.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "vite";

const SOURCE = "app/offline/service-worker.ts";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export function offlineVersion(bundleFiles: string[], contentDir = "content"): string {
  const hash = crypto.createHash("sha256");
  for (const name of [...bundleFiles].sort()) hash.update(`${name}\n`);
  // Names relative to the folder: the same content gives the same version wherever it is built.
  for (const file of filesUnder(contentDir)) hash.update(`${path.relative(contentDir, file)}\n`).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

export function serviceWorker(): Plugin {
  let ssr = false;
  let outDir = "";
  let root = "";
  return {
    name: "coachportalen-service-worker",
    apply: "build",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      if (ssr) return;
      const version = offlineVersion(Object.keys(bundle), path.join(root, "content"));
      // A build of its own: a worker is one classic script, outside the app's module graph.
      await build({
        configFile: false,
        root,
        logLevel: "warn",
        publicDir: false,
        define: { __OFFLINE_VERSION__: JSON.stringify(version), "process.env.NODE_ENV": '"production"' },
        build: {
          outDir,
          emptyOutDir: false,
          target: "es2022",
          lib: { entry: path.join(root, SOURCE), formats: ["iife"], name: "coachportalenServiceWorker", fileName: () => "sw.js" },
        },
      });
    },
  };
}
