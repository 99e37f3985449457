// SPDX-License-Identifier: EUPL-1.2
// The pure rules behind in-person sessions: a booster renews a certificate like the refresher,
// and a coordinator's Stockholm wall-clock time becomes the right instant on the days the
// clocks change.
import { describe, expect, it } from "vitest";
import { formatTime, stockholmLocalToUtc } from "~/lib/dates";
import { boosterRenews, expiryForIssue } from "~/modules/certification/rules";

describe("a Stockholm date and time typed into a form", () => {
  it("is +1 hour in winter and +2 in summer, also on the days the clocks change", () => {
    expect(stockholmLocalToUtc("2026-01-15", "09:00")?.toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(stockholmLocalToUtc("2026-03-29", "01:59")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(stockholmLocalToUtc("2026-03-29", "03:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(stockholmLocalToUtc("2026-03-29", "09:00")?.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(stockholmLocalToUtc("2026-10-25", "09:00")?.toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(formatTime("2026-10-25T08:00:00.000Z")).toBe("09:00");
  });

  it("does not exist in the hour skipped in March, and is taken in summer time the first time round in October", () => {
    expect(stockholmLocalToUtc("2026-03-29", "02:30")).toBeNull();
    expect(stockholmLocalToUtc("2026-10-25", "02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses what is not a date or a time", () => {
    for (const [date, time] of [
      ["2026-02-30", "09:00"],
      ["2026-13-01", "09:00"],
      ["29/3", "09:00"],
      ["2026-03-29", "24:00"],
      ["2026-03-29", "9"],
    ] as const) {
      expect(stockholmLocalToUtc(date, time), `${date} ${time}`).toBeNull();
    }
  });
});

describe("a booster renewing a certificate", () => {
  const issuedAt = new Date("2026-03-01T10:00:00Z");
  const cert = { issued_at: issuedAt.toISOString(), expires_at: expiryForIssue(issuedAt, 24).toISOString(), revoked_at: null };
  const inWindow = new Date("2028-01-10T10:00:00Z");

  it("renews once the refresher window is open, with a booster attended within the months", () => {
    expect(boosterRenews(cert, ["2027-08-15T08:00:00Z"], 12, inWindow)).toBe(true);
    // The window is not open yet.
    expect(boosterRenews(cert, ["2027-08-15T08:00:00Z"], 12, new Date("2027-09-01T10:00:00Z"))).toBe(false);
  });

  it("does not renew with a booster older than the months, one from before the certificate, or none", () => {
    expect(boosterRenews(cert, ["2027-01-09T08:00:00Z"], 12, inWindow)).toBe(false);
    expect(boosterRenews(cert, ["2027-01-10T08:00:00Z"], 12, inWindow)).toBe(true);
    expect(boosterRenews(cert, ["2026-02-01T08:00:00Z"], 36, inWindow)).toBe(false);
    expect(boosterRenews(cert, [], 12, inWindow)).toBe(false);
  });

  it("never renews a revoked or expired certificate", () => {
    expect(boosterRenews({ ...cert, revoked_at: "2027-12-01T10:00:00Z" }, ["2027-08-15T08:00:00Z"], 12, inWindow)).toBe(false);
    expect(boosterRenews(cert, ["2027-08-15T08:00:00Z"], 12, new Date("2028-03-05T10:00:00Z"))).toBe(false);
  });
});
