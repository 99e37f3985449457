// SPDX-License-Identifier: EUPL-1.2
// The document renderer must put out valid UTF-8 whatever bytes the page's text falls on. React
// 18.3's stream writer (renderToPipeableStream) sends unfilled zero bytes whenever å, ä or ö does
// not fit at the end of its 2,048-byte buffer; this moves runs of them across that boundary one
// byte at a time (docs/decisions/018-request-hardening.md).
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderDocument } from "~/entry.server";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

describe("the rendered document", () => {
  it("has no NUL byte and is valid UTF-8 wherever a multi-byte character meets a buffer boundary", async () => {
    const problems: string[] = [];
    for (let shift = 0; shift < 64; shift++) {
      // Short text chunks, as a page has them: each goes into the writer's buffer, not past it.
      const runs = Array.from({ length: 40 }, (_, i) => createElement("span", { key: i }, "åäö€".repeat(20)));
      const page = createElement("html", null, createElement("body", null, createElement("p", null, "x".repeat(shift)), ...runs));
      const { html: bytes } = await renderDocument(page);
      if (bytes.includes(0)) problems.push(`${shift}: NUL vid byte ${bytes.indexOf(0)}`);
      try {
        strictUtf8.decode(bytes);
      } catch {
        problems.push(`${shift}: ogiltig UTF-8`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("starts with the doctype and keeps the text", async () => {
    const { html } = await renderDocument(createElement("html", { lang: "sv" }, createElement("body", null, "Välkommen, Åsa")));
    const text = new TextDecoder().decode(html);
    expect(text).toBe('<!DOCTYPE html><html lang="sv"><body>Välkommen, Åsa</body></html>');
  });
});
