// SPDX-License-Identifier: EUPL-1.2
// The two meanings of "the current certificate", each named once in certification/rules.ts.
import { describe, expect, it } from "vitest";
import { certificateOnRecord, validCertificate } from "~/modules/certification/rules";

const NOW = new Date("2026-03-10T10:00:00Z");
const cert = (id: string, issued: string, expires: string, revoked: string | null = null) => ({ id, issued_at: issued, expires_at: expires, revoked_at: revoked });

const first = cert("first", "2024-03-01T10:00:00Z", "2026-03-01T23:00:00Z");
const renewal = cert("renewal", "2026-01-15T10:00:00Z", "2028-03-01T23:00:00Z");
const revokedLater = cert("revoked", "2026-02-01T10:00:00Z", "2028-02-01T23:00:00Z", "2026-02-02T10:00:00Z");

describe("which certificate counts", () => {
  it("is the valid one that lasts longest for the coach, and for the coordinator's lists too", () => {
    expect(validCertificate([first, renewal, revokedLater], NOW)?.id).toBe("renewal");
    expect(certificateOnRecord([first, renewal, revokedLater], NOW)?.id).toBe("renewal");
  });

  it("is none for the coach once none is valid, but the newest for the lists, revoked or expired", () => {
    expect(validCertificate([first, revokedLater], NOW)).toBeUndefined();
    expect(certificateOnRecord([first, revokedLater], NOW)?.id).toBe("revoked");
    expect(certificateOnRecord([first], NOW)?.id).toBe("first");
    expect(certificateOnRecord([], NOW)).toBeUndefined();
  });

  it("reads certificates of any shape through the dates given", () => {
    const records = [{ code: "A", issuedAt: first.issued_at, expiresAt: first.expires_at, revokedAt: null }];
    const dates = (c: (typeof records)[number]) => ({ issued_at: c.issuedAt, expires_at: c.expiresAt, revoked_at: c.revokedAt });
    expect(validCertificate(records, new Date("2026-01-01T00:00:00Z"), dates)?.code).toBe("A");
    expect(validCertificate(records, NOW, dates)).toBeUndefined();
  });
});
