// SPDX-License-Identifier: EUPL-1.2
// Issue #20, findings 3 and 7, in the app's own functions and components: a certificate code
// with a character codes never use is named as such, "träffar" stays the word for course days
// (search hits are "resultat"), the maximum length of a field is shown as a count, and the
// public follow-up figures put each table behind "Visa som tabell" and say "Inga … ännu" in
// place of a chart with nothing in it.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CharacterCount, bandAnnouncement, lengthBand } from "~/components/CharacterCount";
import { FollowupFigures as FiguresView } from "~/components/FollowupFigures";
import { resultRangeText } from "~/components/Pagination";
import { CERTIFICATE_CODE_ALPHABET, certificateCodeProblem, generateCertificateCode } from "~/modules/certification/rules";
import { publicFigures, type FigureValues, type FollowupFigures } from "~/modules/followup/public-figures.server";

/** Text as a person reads it: the thin spaces of Swedish numbers as plain spaces, tags gone. */
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/\s+/g, " ");

describe("a certificate code typed with a character codes never use", () => {
  it("names the character and where it is, instead of asking for 12 characters the person already typed", () => {
    expect(certificateCodeProblem("K7QM-3XHD-P9TL")).toBe(
      "Tecken 12 är ”L”. L finns aldrig i en kod, och inte heller 1 (ett) eller I: läs av tecknet igen: det är troligen J, T eller 7.",
    );
    expect(certificateCodeProblem("k7qm 3xhd p9t0")).toMatch(/^Tecken 12 är ”0”\. 0 \(noll\) finns aldrig i en kod/);
    expect(certificateCodeProblem("K7QM-OXHD-P9TA")).toMatch(/^Tecken 5 är ”O”\. O finns aldrig i en kod/);
    expect(certificateCodeProblem("K7QM-3XHD-P9TÅ")).toBe(
      "Tecken 12 är ”Å”. Å finns aldrig i en kod: koderna har bara bokstäverna A–Z utan I, L och O, och siffrorna 2–9.",
    );
  });

  it("never suggests a character that is itself left out of the alphabet", () => {
    for (const typed of ["O", "0", "I", "L", "1"]) {
      const message = certificateCodeProblem(`K7QM-3XHD-P9T${typed}`)!;
      const suggested = message.split("troligen ")[1]!.replace(/[.,]|eller/g, " ").split(/\s+/).filter(Boolean);
      expect(suggested.length).toBeGreaterThan(0);
      for (const char of suggested) expect(CERTIFICATE_CODE_ALPHABET).toContain(char);
    }
  });

  it("says how many characters were typed when only the length is wrong, and accepts real codes", () => {
    expect(certificateCodeProblem("K7QM-3XHD-P9T")).toMatch(/^Koden har 11 tecken men ska ha 12\./);
    expect(certificateCodeProblem("  ")).toBe("Skriv intygskoden.");
    for (let i = 0; i < 50; i++) expect(certificateCodeProblem(generateCertificateCode().toLowerCase())).toBeNull();
  });
});

describe("search hits are results, not träffar", () => {
  it("says Inga resultat when a list has nothing to show", () => {
    expect(resultRangeText({ page: 1, pageSize: 50, total: 0, shown: 0 })).toBe("Inga resultat.");
    expect(resultRangeText({ page: 2, pageSize: 50, total: 112, shown: 50 })).toBe("Visar 51–100 av 112");
  });
});

describe("the character count under a field with a maximum length", () => {
  it("is rendered on the server with the length so far and the maximum", () => {
    const html = renderToString(createElement(CharacterCount, { fieldId: "f-commentary", max: 10_000, initialLength: 123 }));
    expect(text(html)).toBe("123 av 10 000 tecken");
    expect(html).toContain('id="f-commentary-count"');
    // The live region is empty until the text comes near the limit.
    expect(html).toMatch(/<span class="sr-only" aria-live="polite"><\/span>/);
  });

  it("says how many are too many when a saved or refused text is over the limit", () => {
    const html = renderToString(createElement(CharacterCount, { fieldId: "f-text", max: 500, initialLength: 512 }));
    expect(text(html)).toBe("512 av 500 tecken – 12 för många");
  });

  it("has something to announce only in the last tenth, at the limit and over it", () => {
    expect(lengthBand(8_999, 10_000)).toBe("room");
    expect(bandAnnouncement(8_999, 10_000)).toBe("");
    expect(lengthBand(9_000, 10_000)).toBe("near");
    expect(bandAnnouncement(9_000, 10_000).replace(/\s/g, " ")).toBe("1 000 tecken kvar av 10 000.");
    expect(bandAnnouncement(10_000, 10_000).replace(/\s/g, " ")).toBe("Du har skrivit 10 000 tecken, så mycket som får plats.");
    expect(bandAnnouncement(10_003, 10_000).replace(/\s/g, " ")).toBe("3 tecken för många. Korta texten till högst 10 000 tecken.");
    // A short field warns at 20 characters left, not at 2.
    expect(lengthBand(20, 40)).toBe("near");
  });
});

function countedFigures(value: (quarter: number) => Partial<FigureValues>): FollowupFigures {
  const quarters = Array.from({ length: 12 }, (_, i) => ({
    year: 2024 + Math.floor(i / 4),
    quarter: (i % 4) + 1,
    at: `${2024 + Math.floor(i / 4)}-${String((i % 4) * 3 + 1).padStart(2, "0")}-01T00:00:00.000Z`,
    partial: i === 11,
    values: value(i),
  }));
  return { version: 1, countedAt: "2026-12-06T12:00:00.000Z", current: quarters.at(-1)!.values, quarters };
}

describe("the public follow-up figures", () => {
  it("say Inga … ännu instead of drawing a chart where every quarter is zero", () => {
    const zero = { certified: 0, inTraining: 0, modulesCompleted: 0, materialUses: 0 };
    const html = renderToString(createElement(FiguresView, { figures: publicFigures(countedFigures(() => zero)), idPrefix: "nu" }));
    expect(text(html)).toContain("Inga coacher har börjat utbildningen ännu.");
    expect(text(html)).toContain("Inga utbildningsmoduler har klarats ännu.");
    expect(text(html)).toContain("Inga användningar av skolmaterial har registrerats ännu.");
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain("<table");
  });

  it("put every chart's table behind Visa som tabell, in a details element printed open", () => {
    const some = (i: number) => ({ certified: 5 + i, inTraining: 0, modulesCompleted: 10 * i, materialUses: 0 });
    const html = renderToString(createElement(FiguresView, { figures: publicFigures(countedFigures(some)), idPrefix: "nu" }));
    const tables = html.match(/<table/g) ?? [];
    expect(tables).toHaveLength(2);
    const inDetails = html.match(/<details class="chart-table"><summary[^>]*>Visa som tabell(?:(?!<\/summary>)[\s\S])*<\/summary>(?:(?!<\/details>)[\s\S])*<table/g) ?? [];
    expect(inDetails).toHaveLength(tables.length);
    // The series with nothing in it is left out of the picture, but stays in the table.
    expect(text(html)).toContain("Inga användningar av skolmaterial har registrerats ännu.");
    expect(html.match(/class="chart-series-name"/g) ?? []).toHaveLength(0);
  });
});
