// SPDX-License-Identifier: EUPL-1.2
// The rule for small numbers on public pages, in one function.
import { describe, expect, it } from "vitest";
import { shortText, suppressCount, SUPPRESSED_TEXT } from "~/lib/suppression";

describe("small-number suppression", () => {
  it("shows every count from 1 to 4 as “färre än 5”, with no number left in it", () => {
    for (const n of [1, 2, 3, 4]) {
      const shown = suppressCount(n);
      expect(shown).toEqual({ suppressed: true, value: null, text: "färre än 5" });
      expect(JSON.stringify(shown)).not.toMatch(new RegExp(`\\b${n}\\b`));
      expect(shortText(shown)).toBe("<5");
    }
  });

  it("shows 0 as 0: nobody yet reveals no one", () => {
    expect(suppressCount(0)).toEqual({ suppressed: false, value: 0, text: "0" });
  });

  it("shows 5 and more as the number, in Swedish format", () => {
    expect(suppressCount(5)).toEqual({ suppressed: false, value: 5, text: "5" });
    expect(suppressCount(12).text).toBe("12");
    expect(suppressCount(1234).text).toBe(new Intl.NumberFormat("sv-SE").format(1234));
    expect(shortText(suppressCount(7))).toBe("7");
  });

  it("refuses what is not a count", () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
  });

  it("words the suppressed value as the issue asks", () => {
    expect(SUPPRESSED_TEXT).toBe("färre än 5");
  });
});
