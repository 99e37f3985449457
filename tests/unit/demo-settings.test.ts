// SPDX-License-Identifier: EUPL-1.2
// `npm run demo` (issue #20): its passwords are in the README, so it listens on this machine
// alone unless told otherwise, says so and where its links point, and keeps the build's chatter
// out of sight when the build works.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSummary, demoAddressLines, demoEnvironment } from "../../scripts/demo-settings.mjs";

describe("npm run demo", () => {
  it("listens on 127.0.0.1 by default, and on what HOST names when it is set", () => {
    expect(demoEnvironment({})).toMatchObject({ HOST: "127.0.0.1", PORT: "3000", NODE_ENV: "production", REQUIRE_MFA: "false", APP_URL: "http://localhost:3000" });
    expect(demoEnvironment({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(demoEnvironment({ HOST: "" }).HOST).toBe("127.0.0.1");
  });

  it("starts the server with that environment", () => {
    const script = fs.readFileSync("scripts/demo.mjs", "utf8");
    expect(script).toMatch(/const env = demoEnvironment\(process\.env\);/);
    expect(script).toMatch(/spawn\("node", \["server\/index\.js"\], \{ stdio: "inherit", env \}\)/);
  });

  it("points links at the port it serves on, unless APP_URL is set, and keeps a chosen REQUIRE_MFA", () => {
    expect(demoEnvironment({ PORT: "3100" }).APP_URL).toBe("http://localhost:3100");
    expect(demoEnvironment({ APP_URL: "https://demo.example.se" }).APP_URL).toBe("https://demo.example.se");
    expect(demoEnvironment({ REQUIRE_MFA: "true" }).REQUIRE_MFA).toBe("true");
  });

  it("says where it listens, how to open it to other machines, and where links in emails and on certificates point", () => {
    const lines = demoAddressLines(demoEnvironment({}));
    expect(lines[0]).toContain("http://localhost:3000");
    expect(lines.join("\n")).toContain("HOST=0.0.0.0 npm run demo");
    expect(lines.join("\n")).toContain("Länkar i e-post och på intyg pekar på APP_URL=http://localhost:3000");
    expect(demoAddressLines(demoEnvironment({ HOST: "0.0.0.0" })).join("\n")).toContain("tar emot anrop från andra datorer");
  });

  it("sums up a build that worked in one line, without the empty chunks and the table of assets", () => {
    const output = [
      "vite v6.4.6 building for production...",
      'Generated an empty chunk: "healthz".',
      "build/client/.vite/manifest.json                 36.10 kB │ gzip:  3.61 kB",
      "build/client/assets/styles-HIUX6hLF.css           31.95 kB │ gzip:  6.24 kB",
      "✓ built in 18.70s",
    ].join("\n");
    const summary = buildSummary(output, 31.4);
    expect(summary).toBe("Appen är byggd (2 filer, 31 s).");
    expect(summary).not.toContain("empty chunk");
  });
});

describe("the demo's server", () => {
  it("listens on 127.0.0.1 alone when started as npm run demo starts it", { timeout: 60_000 }, async () => {
    // A stand-in for the production build: listening is all this test needs of it.
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-build-"));
    fs.mkdirSync(path.join(buildDir, "server"));
    fs.mkdirSync(path.join(buildDir, "client"));
    fs.writeFileSync(
      path.join(buildDir, "server", "index.js"),
      'export const entry = { module: {} }; export const routes = {}; export const assets = { entry: { module: "", imports: [] }, routes: {}, url: "", version: "x" }; export const publicPath = "/"; export const assetsBuildDirectory = "client"; export const future = {}; export const mode = "production"; export const isSpaMode = false;\n',
    );
    const port = await freePort();
    const env = demoEnvironment({ PATH: process.env.PATH, PORT: String(port), BUILD_DIR: buildDir, DATABASE_URL: ":memory:" });
    const child = spawn(process.execPath, ["server/index.js"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        const seen = (chunk: Buffer) => {
          output += chunk;
          if (output.includes("lyssnar")) resolve();
        };
        child.stdout.on("data", seen);
        child.stderr.on("data", seen);
        child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${output}`)));
      });
      expect(output).toContain(`lyssnar på http://127.0.0.1:${port}`);
      expect(await connects("127.0.0.1", port)).toBe(true);
      // Any address of this machine other than loopback is refused.
      const outside = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []).filter((a) => !a.internal && a.family === "IPv4");
      for (const address of outside) expect(await connects(address.address, port), address.address).toBe(false);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("close", resolve));
      fs.rmSync(buildDir, { recursive: true, force: true });
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
