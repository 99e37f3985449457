// SPDX-License-Identifier: EUPL-1.2
// The two speed patches to Remix's route matching (patches/, docs/decisions/015-rendering-speed.md)
// are applied by patch-package on install. If an upgrade or a failed install left one out, the
// app would still run, only slower, so this says so: each patch must apply in reverse to what is
// installed, which holds only when every line it changes is in place.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const patches = fs.readdirSync("patches").filter((name) => name.endsWith(".patch"));

describe("the patches in patches/", () => {
  it("are the two route-matching patches", () => {
    expect(patches.sort()).toEqual(["@remix-run+react+2.17.5.patch", "@remix-run+router+1.23.3.patch"]);
  });

  for (const name of patches) {
    it(`${name} is applied to node_modules`, () => {
      const check = () => execFileSync("git", ["apply", "--check", "--reverse", path.join("patches", name)], { stdio: "pipe" });
      expect(check).not.toThrow();
    });
  }

  it("is a check that notices a patch that is not applied", () => {
    // The same patch, checked forwards: it cannot apply again on top of itself.
    const forwards = () => execFileSync("git", ["apply", "--check", path.join("patches", patches[0]!)], { stdio: "pipe" });
    expect(forwards).toThrow();
  });
});
