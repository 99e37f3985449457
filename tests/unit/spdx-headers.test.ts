// SPDX-License-Identifier: EUPL-1.2
// The licence is stated in every source file, not only in LICENSE: a file copied on its own still
// says it is EUPL-1.2. `node scripts/spdx-headers.mjs --write` adds the line to files that lack it.
import { describe, expect, it } from "vitest";
import { filesWithoutHeader, hasHeader, HEADER, needsHeader, withHeader } from "../../scripts/spdx-headers.mjs";

describe("the licence line in source files", () => {
  it("is in the first three lines of every tracked source file and root configuration file", () => {
    const missing = filesWithoutHeader(process.cwd());
    expect(missing, `run \`node scripts/spdx-headers.mjs --write\`; files without the line:\n${missing.join("\n")}`).toEqual([]);
  });
});

describe("the header check itself", () => {
  it("covers source files under app, db, server, scripts and tests, and the root configuration files", () => {
    for (const file of [
      "app/root.tsx",
      "app/modules/auth/session.server.ts",
      "db/migrations/0001_initial.ts",
      "server/app.js",
      "scripts/test.mjs",
      "tests/unit/store.test.ts",
      "vite.config.ts",
      "vitest.crash.config.ts",
      "playwright.config.ts",
      "remix.config.js",
    ]) {
      expect(needsHeader(file), file).toBe(true);
    }
    for (const file of ["README.md", "package.json", "content/modules/x.md", "app/styles/app.css", "tests/fixtures/data.json", "public/robots.txt", "tsconfig.json", "other.ts"]) {
      expect(needsHeader(file), file).toBe(false);
    }
  });

  it("finds the line within the first three lines, and not further down", () => {
    expect(hasHeader(`${HEADER}\nimport x from "y";\n`)).toBe(true);
    expect(hasHeader(`#!/usr/bin/env node\n${HEADER}\n`)).toBe(true);
    expect(hasHeader(`// one\n// two\n/* SPDX-License-Identifier: EUPL-1.2 */\n`)).toBe(true);
    expect(hasHeader(`// one\n// two\n// three\n${HEADER}\n`)).toBe(false);
    expect(hasHeader(`// SPDX-License-Identifier: MIT\n`)).toBe(false);
  });

  it("adds the line first, after a shebang, and only once", () => {
    expect(withHeader(`import x from "y";\n`)).toBe(`${HEADER}\nimport x from "y";\n`);
    expect(withHeader(`#!/usr/bin/env node\nconsole.log(1);\n`)).toBe(`#!/usr/bin/env node\n${HEADER}\nconsole.log(1);\n`);
    expect(withHeader(`${HEADER}\nx;\n`)).toBe(`${HEADER}\nx;\n`);
    expect(withHeader(withHeader("x;\n"))).toBe(`${HEADER}\nx;\n`);
    expect(withHeader("a;\r\nb;\r\n")).toBe(`${HEADER}\r\na;\r\nb;\r\n`);
  });
});
