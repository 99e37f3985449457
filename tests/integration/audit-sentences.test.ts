// SPDX-License-Identifier: EUPL-1.2
// The audit log reads as Swedish (issue #20, finding 8): each event's details become sentences,
// with titles instead of slugs and dates as dates, and never raw keys or JSON.
import { describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { recordAuditEvent, type AuditAction } from "~/modules/audit/audit.server";
import { describeAuditDetails, type AuditNames } from "~/modules/audit/describe.server";
import { loader } from "~/routes/admin.logg";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const TRACK = "andts-coach-grund";
const names: AuditNames = {
  people: new Map([["u1", { id: "u1", name: "Sara Samordnare", email: "sara@hogsby.example" }]]),
  municipalities: new Map([["m2", "Mönsterås kommun"]]),
};
const say = (action: AuditAction, details: Record<string, unknown> | null) => describeAuditDetails(action, details, { names, content: getContent() });

// Details as the app writes them, one per action that carries any (grep recordAuditEvent in app/).
const WRITTEN: Array<[AuditAction, Record<string, unknown>]> = [
  ["invitation.created", { role: "coach" }],
  ["invitation.withdrawn", { pendingCreditsDropped: 3 }],
  ["invitation.accepted", { role: "coach", invitedBy: "u1" }],
  ["user.created", { role: "coach", via: "oidc", provider: "Högsby kommun" }],
  ["user.created", { via: "user:create", role: "admin", secondFactor: true }],
  ["signin.sso", { kind: "saml", provider: "Högsby kommun", created: true }],
  ["signin.sso_failure", { reason: "not_invited", kind: "oidc", provider: "Högsby kommun", detail: "access_denied" }],
  ["signout", { session: "other" }],
  ["signout.everywhere", { sessions: 2 }],
  ["account.updated", { field: "name" }],
  ["mfa.failure", { step: "verify" }],
  ["mfa.failure", { step: "renew" }],
  ["mfa.recovery_used", { left: 9 }],
  ["municipality.created", { slug: "monsteras" }],
  ["municipality.updated", { from: { name: "Mönsterås", slug: "monsteras", county: "Kalmar län" }, to: { name: "Mönsterås kommun", slug: "monsteras", county: "Kalmar län" } }],
  ["localtext.saved", { slot: "orosanmalan", length: 420 }],
  ["localtext.saved", { slot: "orosanmalan", cleared: true }],
  ["content.approved", { kind: "module", slug: "andts-och-uppdraget", hash: "71d81d2e0123456789", comment: "Bra" }],
  ["content.approval_withdrawn", { kind: "module", slug: "andts-och-uppdraget" }],
  ["contact.created", { id: "c1", name: "Fältassistenterna" }],
  ["contact.updated", { id: "c1", moved: "up" }],
  ["contact.removed", { id: "c1" }],
  ["municipality.profile", { officialName: "Högsby kommun" }],
  ["municipality.logo", { contentType: "image/png", bytes: 20480, sha256: "abc" }],
  ["municipality.logo", { removed: true }],
  ["person.deactivated", { role: "coach", endedSessions: 1 }],
  ["person.reactivated", { role: "coach" }],
  ["person.anonymised", { role: "coach", reason: "retention", retentionMonths: 24, wasDeactivated: true, removed: { sessions: 1, invitations: 1, emails: 2 } }],
  ["export.csv", { rows: 12, filters: "status=stalled&sort=name" }],
  ["export.xlsx", { rows: 40, filters: "" }],
  ["certificate.issued", { certificateId: "x", track: TRACK, code: "ABCD-EFGH-JKMN", expiresAt: "2028-03-03T23:00:00.000Z" }],
  ["certificate.renewed", { certificateId: "y", track: TRACK, code: "ABCD-EFGH-JKMP", expiresAt: "2030-03-03T23:00:00.000Z", renews: "x", renewedBy: "booster" }],
  ["certificate.revoked", { certificateId: "x", track: TRACK, code: "ABCD-EFGH-JKMN", reason: "Fel person" }],
  ["summary.sent", { month: "2026-02", rows: 25 }],
  ["session.created", { sessionId: "s1", step: "Utbildningsdag 1", startsAt: "2026-03-10T08:00:00.000Z", place: "Kommunhuset", capacity: 20, partner: "m2" }],
  ["session.updated", { sessionId: "s1", startsAt: "2026-03-11T08:00:00.000Z", place: "Biblioteket", capacity: 20, calendarChanged: true }],
  ["session.cancelled", { sessionId: "s1", startsAt: "2026-03-11T08:00:00.000Z", reason: "Sjukdom", notified: 7 }],
  ["session.attendance", { sessionId: "s1", attended: 5, absent: 1 }],
  ["session.partner_requested", { sessionId: "s1", partner: "m2" }],
  ["session.partner_accepted", { sessionId: "s1", step: "Utbildningsdag 1", startsAt: "2026-03-10T08:00:00.000Z" }],
  ["session.partner_declined", { sessionId: "s1", step: "Utbildningsdag 1", startsAt: "2026-03-10T08:00:00.000Z" }],
  ["prior.registered", { track: TRACK, steps: ["andts-och-uppdraget", "utbildningsdag-1"], skipped: 1, completedOn: "2024-05-20" }],
  ["prior.registered", { track: TRACK, steps: ["utbildningsdag-2"], completedOn: "2024-05-20", import: true, line: 2 }],
  ["prior.registered", { track: TRACK, steps: ["utbildningsdag-2"], completedOn: "2024-05-20", import: true, invitation: "i1" }],
  ["prior.removed", { track: TRACK, step: "utbildningsdag-1", completedOn: "2024-05-20", reason: "Fel datum" }],
  ["prior.imported", { track: TRACK, rows: 4, created: 6, skipped: 1, people: 3, invited: 1, waiting: 2, waitingPeople: 1 }],
  ["followup.published", { title: "Uppföljning 1 2025", period: "2025-01-01/2025-06-30", replaces: null, promise: "p1" }],
  ["promise.correction_started", { replaces: "p0" }],
  ["promise.activity_recorded", { promiseId: "p1", commitmentId: "c1", activityId: "a1", happenedOn: "2025-04-02", side: "police" }],
  ["promise.activity_removed", { promiseId: "p1", commitmentId: "c1", activityId: "a1", side: "municipality" }],
  ["promise.status_set", { promiseId: "p1", commitmentId: "c1", status: "in_progress", side: "municipality" }],
  ["promise.police_commentary", { promiseId: "p1", length: 512 }],
  ["promise.partner_attached", { promiseId: "p1" }],
  ["identity_provider.saved", { kind: "oidc", issuer: "https://login.example", secretChanged: true, domains: ["hogsby.se"], accountPolicy: "invited" }],
  ["identity_provider.saved", { kind: "saml", entityId: "https://idp.example/saml", domains: ["hogsby.se"], accountPolicy: "domain" }],
  ["identity_provider.removed", { kind: "saml" }],
];

describe("an event's details as sentences", () => {
  it("says every action the app writes in Swedish sentences, without English keys, slugs, ids or JSON", () => {
    for (const [action, details] of WRITTEN) {
      const sentences = say(action, details);
      const all = sentences.join(" ");
      for (const sentence of sentences) expect(sentence, action).toMatch(/^[A-ZÅÄÖ”0-9]/);
      expect(all, action).not.toMatch(/[{}[\]]|"/);
      for (const key of Object.keys(details)) if (/[A-Z]/.test(key)) expect(all, `${action}: ${key}`).not.toContain(key);
      expect(all, action).not.toMatch(/andts-och-uppdraget|andts-coach-grund|utbildningsdag-\d|\b(c1|p1|s1|a1|i1|x|y)\b/);
    }
  });

  it("names modules, course days and tracks by their titles, and dates as dates", () => {
    expect(say("prior.registered", { track: TRACK, steps: ["andts-och-uppdraget", "utbildningsdag-1"], skipped: 1, completedOn: "2024-05-20" })).toEqual([
      "”ANDTS, strategin och det lokala uppdraget” och ”Utbildningsdag 1” i ANDTS-coach – grundutbildning, genomfört 20 maj 2024.",
      "1 moment var redan registrerade.",
    ]);
    expect(say("prior.registered", { track: TRACK, steps: ["utbildningsdag-2"], completedOn: "2024-05-20", import: true, line: 2 })).toEqual([
      "”Utbildningsdag 2” i ANDTS-coach – grundutbildning, genomfört 20 maj 2024.",
      "Importerat från fil, rad 2.",
    ]);
    expect(say("certificate.issued", { certificateId: "x", track: TRACK, code: "ABCD-EFGH-JKMN", expiresAt: "2028-03-03T23:00:00.000Z" })).toEqual([
      "Intyg ABCD-EFGH-JKMN i ANDTS-coach – grundutbildning, giltigt till och med 3 mars 2028.",
    ]);
    expect(say("invitation.accepted", { role: "coach", invitedBy: "u1" })).toEqual(["Gick med som ANDTS-coach.", "Inbjuden av Sara Samordnare (sara@hogsby.example)."]);
    expect(say("export.csv", { rows: 12, filters: "status=stalled&sort=name" })).toEqual(["12 personer.", expect.stringMatching(/^Urval: läge [^=&]+, sorterad efter namn\.$/)]);
    expect(say("session.attendance", { sessionId: "s1", attended: 5, absent: 1 })).toEqual(["5 närvarande, 1 frånvarande."]);
  });

  it("lists details an action does not expect under Swedish labels, and nests nothing as code", () => {
    expect(say("person.viewed", { role: "coach", extra: { nested: true }, when: "2026-06-30T22:15:00.000Z" })).toEqual([
      "Roll: ANDTS-coach.",
      "Annan uppgift: ja.",
      "Annan uppgift: 1 juli 2026 kl. 00:15.",
    ]);
    expect(say("signin.success", null)).toEqual([]);
  });
});

describe("the log page's data", () => {
  it("sends sentences, not keys, for the events it lists", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
    const admin = await createUser(db, { role: "admin" });
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
    const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id });
    await recordAuditEvent(db, {
      action: "prior.registered",
      actorId: coordinator.id,
      subject: coach.id,
      municipalityId: hogsby.id,
      details: { track: TRACK, steps: ["andts-och-uppdraget"], completedOn: "2024-05-20", import: true, line: 2 },
    });
    const result = await call(loader, get("/admin/logg", await cookieFor(admin.id)));
    expect(result.data.events[0].details).toEqual([
      "”ANDTS, strategin och det lokala uppdraget” i ANDTS-coach – grundutbildning, genomfört 20 maj 2024.",
      "Importerat från fil, rad 2.",
    ]);
  });
});
