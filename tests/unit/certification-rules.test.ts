// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { formatLocalDate } from "~/lib/dates";
import {
  certificateStatus,
  expiryForIssue,
  expiryForRenewal,
  generateCertificateCode,
  isInRefresherWindow,
  lastValidDay,
  normalizeCertificateCode,
  refresherOpensAt,
} from "~/modules/certification/rules";

describe("certificate validity", () => {
  it("runs through the same Swedish day 24 months later and ends at Stockholm midnight", () => {
    // 14 March 2025 10:00 in Stockholm (CET, +1).
    const expires = expiryForIssue(new Date("2025-03-14T09:00:00Z"), 24);
    expect(expires.toISOString()).toBe("2027-03-14T23:00:00.000Z"); // 15 March 00:00 CET
    expect(formatLocalDate(lastValidDay(expires))).toBe("14 mars 2027");
  });

  it("ends at local midnight in summer time too (CEST, +2)", () => {
    const expires = expiryForIssue(new Date("2024-07-01T12:00:00Z"), 24);
    expect(expires.toISOString()).toBe("2026-07-01T22:00:00.000Z"); // 2 July 00:00 CEST
  });

  it("is issued on the Swedish date, not the UTC date, just after midnight", () => {
    // 00:30 on 1 June in Stockholm is still 31 May in UTC.
    const expires = expiryForIssue(new Date("2025-05-31T22:30:00Z"), 12);
    expect(formatLocalDate(lastValidDay(expires))).toBe("1 juni 2026");
  });

  it("crosses a daylight-saving change without shifting a day", () => {
    // Issued in winter time, expiring in summer time (last Sunday of March).
    const expires = expiryForIssue(new Date("2025-01-30T12:00:00Z"), 2);
    expect(expires.toISOString()).toBe("2025-03-30T22:00:00.000Z"); // 31 March 00:00 CEST
    expect(formatLocalDate(lastValidDay(expires))).toBe("30 mars 2025");
    // Issued in summer time, expiring on the day winter time returns (last Sunday of October).
    const back = expiryForIssue(new Date("2025-06-25T12:00:00Z"), 4);
    expect(formatLocalDate(lastValidDay(back))).toBe("25 oktober 2025");
    expect(back.toISOString()).toBe("2025-10-25T22:00:00.000Z"); // 26 Oct 00:00 CEST
  });

  it("keeps to the end of the month: 31 August plus 6 months is the last day of February", () => {
    expect(formatLocalDate(lastValidDay(expiryForIssue(new Date("2025-08-31T10:00:00Z"), 6)))).toBe("28 februari 2026");
  });

  it("renews from the old expiry date, not from the day of renewal", () => {
    const old = expiryForIssue(new Date("2025-03-14T09:00:00Z"), 24); // valid through 14 March 2027
    const renewed = expiryForRenewal(old, 24);
    expect(formatLocalDate(lastValidDay(renewed))).toBe("14 mars 2029");
  });

  it("opens the refresher 60 days before the last valid day", () => {
    const expires = expiryForIssue(new Date("2025-03-14T09:00:00Z"), 24);
    const opens = refresherOpensAt(expires);
    expect(formatLocalDate(lastValidDay(new Date(opens.getTime() + 1)))).toBe("13 januari 2027");
    const cert = { expires_at: expires.toISOString(), revoked_at: null };
    expect(isInRefresherWindow(cert, new Date(opens.getTime() - 1))).toBe(false);
    expect(isInRefresherWindow(cert, opens)).toBe(true);
  });

  it("is valid until it expires or is revoked", () => {
    const cert = { expires_at: "2027-03-14T23:00:00.000Z", revoked_at: null };
    expect(certificateStatus(cert, new Date("2027-03-14T22:59:59Z"))).toBe("valid");
    expect(certificateStatus(cert, new Date("2027-03-14T23:00:00Z"))).toBe("expired");
    expect(certificateStatus({ ...cert, revoked_at: "2026-01-01T00:00:00Z" }, new Date("2026-06-01T00:00:00Z"))).toBe("revoked");
  });
});

describe("certificate codes", () => {
  it("are 12 characters of an unambiguous alphabet in groups of four, and do not repeat", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateCertificateCode()));
    expect(codes.size).toBe(5000);
    for (const code of [...codes].slice(0, 200)) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it("are read back whatever the case, spaces or dashes, and refused when they cannot be codes", () => {
    expect(normalizeCertificateCode("k7qm 3xhd p9ta")).toBe("K7QM-3XHD-P9TA");
    expect(normalizeCertificateCode("K7QM-3XHD-P9T")).toBeNull();
    expect(normalizeCertificateCode("K7QM-3XHD-P9T0")).toBeNull(); // 0 is not in the alphabet
    expect(normalizeCertificateCode("'; drop table--")).toBeNull();
  });
});
