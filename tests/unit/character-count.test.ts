// SPDX-License-Identifier: EUPL-1.2
// @vitest-environment jsdom
// The character count as a person meets it with JavaScript: it follows the typing, a pasted text
// over the limit is kept and shown as too long instead of cut, and a screen reader hears about
// it only when the text enters the last tenth, reaches the limit or goes over.
import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CharacterCount } from "~/components/CharacterCount";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let field: HTMLTextAreaElement;

beforeEach(async () => {
  document.body.innerHTML = '<textarea id="f-note" maxlength="100"></textarea><div id="count"></div>';
  field = document.getElementById("f-note") as HTMLTextAreaElement;
  root = createRoot(document.getElementById("count")!);
  await act(async () => root.render(createElement(CharacterCount, { fieldId: "f-note", max: 100 })));
});

afterEach(async () => {
  await act(async () => root.unmount());
});

const shown = () => document.getElementById("f-note-count")!.textContent!.replace(/\s+/g, " ");
const announced = () => document.querySelector('[aria-live="polite"]')!.textContent;

async function type(value: string) {
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

describe("the character count with JavaScript", () => {
  it("follows the typing", async () => {
    expect(shown()).toBe("0 av 100 tecken");
    await type("Hej");
    expect(shown()).toBe("3 av 100 tecken");
  });

  it("takes away the browser's silent cut, so a long paste is kept and shown as too long", async () => {
    expect(field.hasAttribute("maxlength")).toBe(false);
    await type("x".repeat(130));
    expect(field.value).toHaveLength(130);
    expect(shown()).toBe("130 av 100 tecken – 30 för många");
  });

  it("announces only when the text enters a new band near the limit, not at every keystroke", async () => {
    await type("x".repeat(50));
    expect(announced()).toBe("");
    await type("x".repeat(80));
    expect(announced()).toBe("20 tecken kvar av 100.");
    // Still in the same band: the announcement stays as it was, so nothing new is read out.
    await type("x".repeat(85));
    expect(announced()).toBe("20 tecken kvar av 100.");
    await type("x".repeat(100));
    expect(announced()).toBe("Du har skrivit 100 tecken, så mycket som får plats.");
    await type("x".repeat(101));
    expect(announced()).toBe("1 tecken för många. Korta texten till högst 100 tecken.");
  });
});
