// SPDX-License-Identifier: EUPL-1.2
// The admin's audit log at /admin/logg: who did what, when, in which municipality,
// found by filters in the address bar, fifty to a page, and shown as plain text.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionGroups, recordAuditEvent, type AuditAction } from "~/modules/audit/audit.server";
import AdminAuditLog, { loader } from "~/routes/admin.logg";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

async function setting() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const admin = await createUser(db, { role: "admin", name: "Ada Admin", email: "ada@admin.example" });
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare", email: "sara@hogsby.example" });
  const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id, name: "Carl Coach", email: "carl@hogsby.example" });
  const otherCoach = await createUser(db, { role: "coach", municipalityId: monsteras.id, name: "Maja Coach", email: "maja@monsteras.example" });
  return { db, hogsby, monsteras, admin, coordinator, coach, otherCoach, cookie: await cookieFor(admin.id) };
}

type Setting = Awaited<ReturnType<typeof setting>>;

async function record(s: Setting, action: AuditAction, at: string, extra: { actorId?: string; subject?: string; municipalityId?: string | null; details?: Record<string, unknown> } = {}) {
  await recordAuditEvent(s.db, { action, now: new Date(at), ...extra });
}

async function readLog(s: Setting, search = "") {
  return call(loader, get(`/admin/logg${search}`, s.cookie));
}

describe("who may read the log", () => {
  it("answers 403 to coaches, school staff and coordinators, and sends visitors to sign in", async () => {
    const s = await setting();
    const staff = await createUser(s.db, { role: "school_staff", municipalityId: s.hogsby.id });
    for (const user of [s.coach, staff, s.coordinator]) {
      const result = await call(loader, get("/admin/logg", await cookieFor(user.id)));
      expect(result.status, user.role).toBe(403);
    }
    const anonymous = await call(loader, get("/admin/logg"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/logga-in?redirectTo=%2Fadmin%2Flogg");
  });
});

describe("the log as an admin reads it", () => {
  it("shows every event newest first, with the action in Swedish and people and municipalities by name", async () => {
    const s = await setting();
    await record(s, "signin.success", "2026-03-01T08:00:00Z", { actorId: s.coordinator.id, subject: s.coordinator.id, municipalityId: s.hogsby.id });
    await record(s, "person.viewed", "2026-03-02T08:00:00Z", { actorId: s.coordinator.id, subject: s.coach.id, municipalityId: s.hogsby.id });
    await record(s, "signin.failure", "2026-03-03T08:00:00Z", { subject: "nagon@okand.example" });
    await record(s, "municipality.created", "2026-03-04T08:00:00Z", { actorId: s.admin.id, subject: s.monsteras.id, municipalityId: s.monsteras.id, details: { slug: "monsteras" } });

    const result = await readLog(s);
    expect(result.status).toBe(200);
    expect(result.data.total).toBe(4);
    expect(result.data.events.map((e: { actionLabel: string }) => e.actionLabel)).toEqual([
      "Kommun tillagd",
      "Misslyckad inloggning",
      "Uppgifter om en person visade",
      "Inloggning med lösenord",
    ]);
    const [created, failure, viewed] = result.data.events;
    expect(created.actor).toMatchObject({ name: "Ada Admin", email: "ada@admin.example" });
    expect(created.subject).toEqual({ text: "Mönsterås kommun" });
    expect(created.municipalityName).toBe("Mönsterås kommun");
    expect(created.details).toEqual(["Namn i adresser: monsteras."]);
    expect(failure.actor).toBeNull();
    expect(failure.subject).toEqual({ text: "nagon@okand.example" });
    expect(failure.municipalityName).toBeNull();
    expect(viewed.actor).toMatchObject({ name: "Sara Samordnare" });
    expect(viewed.subject).toEqual({ person: { id: s.coach.id, name: "Carl Coach", email: "carl@hogsby.example" } });
  });

  it("offers every action once in the filter, under a group with a Swedish name", () => {
    const groups = auditActionGroups();
    const offered = groups.flatMap((g) => g.actions.map((a) => a.action));
    expect([...offered].sort()).toEqual(Object.keys(AUDIT_ACTION_LABELS).sort());
    for (const group of groups) {
      expect(group.actions.length, group.group).toBeGreaterThan(0);
      for (const { action, label } of group.actions) expect(label, action).toMatch(/^[A-ZÅÄÖ]/);
    }
  });

  it("turns details into readable sentences, naming the people they refer to", async () => {
    const s = await setting();
    await record(s, "invitation.accepted", "2026-03-01T08:00:00Z", {
      actorId: s.coach.id,
      subject: s.coach.id,
      municipalityId: s.hogsby.id,
      details: { role: "coach", invitedBy: s.coordinator.id, extra: { nested: true } },
    });
    await record(s, "person.deactivated", "2026-03-02T08:00:00Z", { actorId: s.coordinator.id, subject: s.coach.id, details: { role: "coach", endedSessions: 2 } });
    await record(s, "account.updated", "2026-03-03T08:00:00Z", { actorId: s.coach.id, details: { expiresAt: "2028-03-14T23:00:00.000Z", when: "2026-06-30T22:15:00.000Z" } });
    const { data } = await readLog(s);
    // Times in Swedish time: winter (+1) and summer (+2).
    // Keys without a Swedish label are "Annan uppgift", never the English key or JSON (issue #20, finding 8).
    expect(data.events[0].details).toEqual(["Giltigt till: 15 mars 2028 kl. 00:00.", "Annan uppgift: 1 juli 2026 kl. 00:15."]);
    expect(data.events[1].details).toEqual(["Roll: ANDTS-coach.", "2 inloggningar avslutades."]);
    expect(data.events[2].details).toEqual(["Gick med som ANDTS-coach.", "Inbjuden av Sara Samordnare (sara@hogsby.example).", "Annan uppgift: ja."]);
  });
});

describe("filters", () => {
  async function mixedLog() {
    const s = await setting();
    await record(s, "signin.success", "2026-03-01T08:00:00Z", { actorId: s.coordinator.id, subject: s.coordinator.id, municipalityId: s.hogsby.id });
    await record(s, "signin.link", "2026-03-02T08:00:00Z", { actorId: s.otherCoach.id, subject: s.otherCoach.id, municipalityId: s.monsteras.id });
    await record(s, "invitation.created", "2026-03-03T08:00:00Z", { actorId: s.coordinator.id, subject: "ny@hogsby.example", municipalityId: s.hogsby.id });
    await record(s, "municipality.created", "2026-03-04T08:00:00Z", { actorId: s.admin.id, subject: s.monsteras.id, municipalityId: null });
    return s;
  }
  const actions = (data: { events: Array<{ action: string }> }) => data.events.map((e) => e.action);

  it("narrows to one municipality, or to events without one", async () => {
    const s = await mixedLog();
    expect(actions((await readLog(s, `?municipality=${s.hogsby.id}`)).data)).toEqual(["invitation.created", "signin.success"]);
    expect(actions((await readLog(s, "?municipality=ingen")).data)).toEqual(["municipality.created"]);
  });

  it("narrows to one action or a whole group of actions", async () => {
    const s = await mixedLog();
    expect(actions((await readLog(s, "?action=signin.link")).data)).toEqual(["signin.link"]);
    expect(actions((await readLog(s, "?action=grupp:signin")).data)).toEqual(["signin.link", "signin.success"]);
  });

  it("finds the acting person by part of their email address, whatever the case", async () => {
    const s = await mixedLog();
    expect(actions((await readLog(s, "?actor=SARA%40HOGSBY")).data)).toEqual(["invitation.created", "signin.success"]);
    expect(actions((await readLog(s, "?actor=%25")).data)).toEqual([]);
  });

  it("reads the dates as Swedish calendar days, both days included", async () => {
    const s = await setting();
    // 23:30 UTC on 14 March is already 00:30 on 15 March in Stockholm.
    await record(s, "signin.success", "2026-03-14T23:30:00Z", { actorId: s.admin.id });
    await record(s, "signout", "2026-03-14T22:30:00Z", { actorId: s.admin.id });
    // Summer time: 22:30 UTC on 31 July is 00:30 on 1 August.
    await record(s, "account.updated", "2026-07-31T22:30:00Z", { actorId: s.admin.id });
    expect(actions((await readLog(s, "?from=2026-03-15")).data)).toEqual(["account.updated", "signin.success"]);
    expect(actions((await readLog(s, "?to=2026-03-14")).data)).toEqual(["signout"]);
    expect(actions((await readLog(s, "?from=2026-03-14&to=2026-03-15")).data)).toEqual(["signin.success", "signout"]);
    expect(actions((await readLog(s, "?from=2026-08-01&to=2026-08-01")).data)).toEqual(["account.updated"]);
    expect(actions((await readLog(s, "?to=2026-07-31")).data)).toEqual(["signin.success", "signout"]);
  });

  it("ignores filter values it cannot use, as they come from the address bar", async () => {
    const s = await mixedLog();
    for (const search of ["?action=nonsense", "?action=grupp:okand", "?municipality=finns-inte", "?from=2026-02-31", "?to=igår", "?page=abc", "?page=-4"]) {
      const result = await readLog(s, search);
      expect(result.status, search).toBe(200);
      expect(result.data.total, search).toBe(4);
    }
    const { data } = await readLog(s, "?action=nonsense&municipality=finns-inte&from=2026-02-31");
    expect(data.filter).toMatchObject({ action: undefined, municipality: undefined, from: undefined });
  });

  it("says in Swedish when the period ends before it begins, and lists nothing", async () => {
    const s = await mixedLog();
    const result = await readLog(s, "?from=2026-03-04&to=2026-03-01");
    expect(result.status).toBe(400);
    expect(result.data.errors.to).toBe("Till och med-datumet är före från och med-datumet. Ändra ett av datumen.");
    expect(result.data.events).toEqual([]);
    expect(result.data.filter).toMatchObject({ from: "2026-03-04", to: "2026-03-01" });
  });
});

describe("pages", () => {
  it("shows fifty events a page, newest first, and the last page for a page past the end", async () => {
    const s = await setting();
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 120; i++) {
      await recordAuditEvent(s.db, { action: "person.viewed", actorId: s.coordinator.id, subject: s.coach.id, details: { n: i }, now: new Date(start + i * 60_000) });
    }
    const numbers = (data: { events: Array<{ details: string[] }> }) => data.events.map((e) => Number(/\d+/.exec(e.details[0]!)![0]));

    const first = (await readLog(s)).data;
    expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3, pageSize: 50 });
    expect(numbers(first)).toEqual(Array.from({ length: 50 }, (_, i) => 119 - i));

    const last = (await readLog(s, "?page=3")).data;
    expect(numbers(last)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));

    expect((await readLog(s, "?page=99")).data).toMatchObject({ page: 3 });
    expect((await readLog(s, `?page=2&municipality=${s.monsteras.id}`)).data).toMatchObject({ total: 0, page: 1, events: [] });
  });
});

describe("the page", () => {
  async function renderPage(loaderData: object): Promise<string> {
    const handler = createStaticHandler([{ id: "logg", path: "/admin/logg", loader: () => loaderData, Component: AdminAuditLog }]);
    const context = await handler.query(new Request("http://localhost:3000/admin/logg"));
    if (context instanceof Response) throw new Error("the page redirected");
    return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
  }

  it("shows details as text, never as markup", async () => {
    const s = await setting();
    await record(s, "account.updated", "2026-03-01T08:00:00Z", {
      actorId: s.admin.id,
      subject: "<b>fet</b>",
      details: { "<i>nyckel</i>": '<img src=x onerror="alert(1)">' },
    });
    const { data } = await readLog(s);
    expect(data.events[0].details).toEqual(['Annan uppgift: <img src=x onerror="alert(1)">.']);

    const html = await renderPage(data);
    expect(html).toContain("Annan uppgift: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;.");
    expect(html).toContain("&lt;b&gt;fet&lt;/b&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>fet");
    expect(html).toContain("Kontouppgifter ändrade");
    expect(html).toContain("1 mars 2026 kl. 09:00");
  });

  it("shows the message beside the date field when the period is impossible", async () => {
    const s = await setting();
    const { data } = await readLog(s, "?from=2026-03-04&to=2026-03-01");
    const html = await renderPage(data);
    expect(html).toContain("Till och med-datumet är före från och med-datumet.");
    expect(html).toMatch(/id="f-to"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-to"/);
  });
});
