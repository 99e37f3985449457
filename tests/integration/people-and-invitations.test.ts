// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { DAY_MS } from "~/lib/time";
import { createInvitation, findInvitation, parseAddressList } from "~/modules/auth/invitation.server";
import { createSession, validateSessionToken } from "~/modules/auth/session.server";
import { listMunicipalitiesWithCounts, slugFromName } from "~/modules/municipalities/municipalities.server";
import { listPeople } from "~/modules/people/people.server";
import * as adminIndex from "~/routes/admin._index";
import * as adminUsers from "~/routes/admin.anvandare";
import * as adminMunicipalities from "~/routes/admin.kommuner._index";
import * as adminOutbox from "~/routes/admin.utskick";
import * as acceptPage from "~/routes/inbjudan.$token";
import * as dashboard from "~/routes/samordnare._index";
import * as personPage from "~/routes/samordnare.coacher.$id";
import * as peoplePage from "~/routes/samordnare.coacher._index";
import * as invitationsPage from "~/routes/samordnare.inbjudningar";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

async function twoMunicipalities() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const b = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinatorA = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sara Samordnare" });
  const coordinatorB = await createUser(db, { role: "coordinator", municipalityId: b.id, name: "Mats Samordnare" });
  return { db, a, b, coordinatorA, coordinatorB, cookieA: await cookieFor(coordinatorA.id), cookieB: await cookieFor(coordinatorB.id) };
}

async function invitationRows() {
  return testDb().selectFrom("invitation").select(["id", "email", "role", "municipality_id", "school", "withdrawn_at", "accepted_at"]).orderBy("email").execute();
}

async function newestLinkTo(email: string): Promise<string> {
  const message = await testDb()
    .selectFrom("outbox")
    .select("body_text")
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/inbjudan\/([a-z0-9]+)/.exec(message.body_text)?.[1];
  if (!token) throw new Error(`no invitation link in the message to ${email}`);
  return token;
}

function inviteForm(addresses: string, extra: Record<string, string> = {}) {
  return { intent: "invite", addresses, role: "coach", ...extra };
}

describe("reading a pasted list of addresses", () => {
  it("splits on new lines, commas and semicolons, reads Namn <adress> and counts an address given twice once", () => {
    const entries = parseAddressList(
      'anna@exempel.se, Bertil@Exempel.se;Cecilia Ceder <cecilia@exempel.se>\r\n"Holm, Hanna" <hanna@exempel.se>\n\n  anna@exempel.se ; BERTIL@exempel.se',
    );
    expect(entries.map((e) => e.email)).toEqual(["anna@exempel.se", "bertil@exempel.se", "cecilia@exempel.se", "hanna@exempel.se"]);
    expect(entries.every((e) => e.valid)).toBe(true);
  });

  it("marks what is not an address as invalid and keeps it as typed", () => {
    const entries = parseAddressList("ok@exempel.se\ninte en adress\nNamn <trasig@>");
    expect(entries.map((e) => [e.raw, e.valid])).toEqual([
      ["ok@exempel.se", true],
      ["inte en adress", false],
      ["Namn <trasig@>", false],
    ]);
  });
});

describe("a coordinator inviting people", () => {
  it("invites everyone on a mixed list once, into their own municipality, and reports each address", async () => {
    const { db, a, coordinatorA, cookieA } = await twoMunicipalities();
    await createUser(db, { role: "coach", municipalityId: a.id, email: "finns@exempel.se" });
    await createInvitation(db, { email: "vantar@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });

    const res = await call(
      invitationsPage.action,
      post("/samordnare/inbjudningar", inviteForm("ny1@exempel.se, Ny Två <NY2@exempel.se>;ny1@exempel.se\nfinns@exempel.se\nvantar@exempel.se"), cookieA),
    );
    expect(res.status).toBe(200);
    expect(res.data.outcomes).toEqual([
      { email: "ny1@exempel.se", status: "invited" },
      { email: "ny2@exempel.se", status: "invited" },
      { email: "finns@exempel.se", status: "already_member" },
      { email: "vantar@exempel.se", status: "pending" },
    ]);
    const rows = await invitationRows();
    expect(rows.map((r) => r.email)).toEqual(["ny1@exempel.se", "ny2@exempel.se", "vantar@exempel.se"]);
    expect(rows.every((r) => r.municipality_id === a.id && r.role === "coach")).toBe(true);
    const mail = await db.selectFrom("outbox").select("to_address").where("to_address", "in", ["ny1@exempel.se", "ny2@exempel.se"]).execute();
    expect(mail).toHaveLength(2);
  });

  it("creates nothing when any address on the list is invalid, and says which", async () => {
    const { db, cookieA } = await twoMunicipalities();
    const res = await call(invitationsPage.action, post("/samordnare/inbjudningar", inviteForm("bra@exempel.se\nfel@\nocksa-bra@exempel.se"), cookieA));
    expect(res.status).toBe(400);
    expect(res.data.errors.addresses).toMatch(/ogiltig/);
    expect(res.data.outcomes).toEqual([{ email: "fel@", status: "invalid" }]);
    expect(res.data.values.addresses).toContain("bra@exempel.se");
    expect(await invitationRows()).toHaveLength(0);
    expect(await db.selectFrom("outbox").select("id").execute()).toHaveLength(0);
  });

  it("asks for the school when inviting school staff, and records it", async () => {
    const { cookieA } = await twoMunicipalities();
    const missing = await call(invitationsPage.action, post("/samordnare/inbjudningar", inviteForm("larare@exempel.se", { role: "school_staff" }), cookieA));
    expect(missing.status).toBe(400);
    expect(missing.data.errors.school).toBeTruthy();
    expect(await invitationRows()).toHaveLength(0);

    const ok = await call(
      invitationsPage.action,
      post("/samordnare/inbjudningar", inviteForm("larare@exempel.se", { role: "school_staff", school: "Högsby skola" }), cookieA),
    );
    expect(ok.status).toBe(200);
    expect((await invitationRows())[0]).toMatchObject({ role: "school_staff", school: "Högsby skola" });
  });

  it("may not invite a coordinator (403) and cannot invite into another municipality", async () => {
    const { a, b, cookieA } = await twoMunicipalities();
    const coordinator = await call(invitationsPage.action, post("/samordnare/inbjudningar", inviteForm("chef@exempel.se", { role: "coordinator" }), cookieA));
    expect(coordinator.status).toBe(403);
    expect(await invitationRows()).toHaveLength(0);

    // The municipality is always the coordinator's own; a smuggled field changes nothing.
    const res = await call(invitationsPage.action, post("/samordnare/inbjudningar", inviteForm("coach@exempel.se", { municipalityId: b.id }), cookieA));
    expect(res.status).toBe(200);
    const rows = await invitationRows();
    expect(rows.map((r) => r.municipality_id)).toEqual([a.id]);
  });

  it("lists only the own municipality's invitations, with their state", async () => {
    const { db, a, b, coordinatorA, coordinatorB, cookieA } = await twoMunicipalities();
    await createInvitation(db, { email: "var@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    await createInvitation(db, { email: "gammal@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA }, new Date(Date.now() - 15 * DAY_MS));
    await createInvitation(db, { email: "annan@exempel.se", role: "coach", municipalityId: b.id, invitedBy: coordinatorB });
    const res = await call(invitationsPage.loader, get("/samordnare/inbjudningar", cookieA));
    expect(res.data.invitations.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([
      ["var@exempel.se", "pending"],
      ["gammal@exempel.se", "expired"],
    ]);
  });

  it("resending gives a new link and the old one stops working", async () => {
    const { db, a, coordinatorA, cookieA } = await twoMunicipalities();
    const first = await createInvitation(db, { email: "igen@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const res = await call(invitationsPage.action, post("/samordnare/inbjudningar", { intent: "resend", invitationId: first.id }, cookieA));
    expect(res.status).toBe(200);
    expect(res.data.notice).toMatch(/ny inbjudan/);

    const newToken = await newestLinkTo("igen@exempel.se");
    expect(newToken).not.toBe(first.token);
    expect((await findInvitation(db, first.token)).status).toBe("invalid");
    expect((await findInvitation(db, newToken)).status).toBe("valid");
    expect((await call(acceptPage.loader, get(`/inbjudan/${first.token}`), { token: first.token })).status).toBe(404);
  });

  it("withdrawing ends the link, and a withdrawn invitation cannot be withdrawn again", async () => {
    const { db, a, coordinatorA, cookieA } = await twoMunicipalities();
    const invitation = await createInvitation(db, { email: "bort@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const res = await call(invitationsPage.action, post("/samordnare/inbjudningar", { intent: "withdraw", invitationId: invitation.id }, cookieA));
    expect(res.status).toBe(200);
    const page = await call(acceptPage.loader, get(`/inbjudan/${invitation.token}`), { token: invitation.token });
    expect(page.status).toBe(410);
    expect(page.data.closed).toBe("withdrawn");

    const again = await call(invitationsPage.action, post("/samordnare/inbjudningar", { intent: "withdraw", invitationId: invitation.id }, cookieA));
    expect(again.status).toBe(400);
  });

  it("cannot resend or withdraw another municipality's invitation: it answers 404 and changes nothing", async () => {
    const { db, b, coordinatorB, cookieA } = await twoMunicipalities();
    const theirs = await createInvitation(db, { email: "deras@exempel.se", role: "coach", municipalityId: b.id, invitedBy: coordinatorB });
    for (const intent of ["resend", "withdraw"]) {
      const res = await call(invitationsPage.action, post("/samordnare/inbjudningar", { intent, invitationId: theirs.id }, cookieA));
      expect(res.status).toBe(404);
    }
    expect((await findInvitation(db, theirs.token)).status).toBe("valid");
  });
});

describe("accepting an invitation", () => {
  const form = { name: "Nora Ny", password: "tre ord som minns", passwordRepeat: "tre ord som minns" };

  it("shows whom the invitation is for", async () => {
    const { db, a, coordinatorA } = await twoMunicipalities();
    const { token } = await createInvitation(db, { email: "nora@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const res = await call(acceptPage.loader, get(`/inbjudan/${token}`), { token });
    expect(res.data.invitation).toEqual({ email: "nora@exempel.se", role: "coach", municipalityName: "Högsby kommun", school: null, name: null, pendingCredits: 0 });
  });

  it("creates the account, signs the person in and sends them to their start page", async () => {
    const { db, a, coordinatorA } = await twoMunicipalities();
    const { token } = await createInvitation(db, { email: "nora@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const res = await call(acceptPage.action, post(`/inbjudan/${token}`, form), { token });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/utbildning?notis=konto-skapat");
    const cookie = res.headers.get("Set-Cookie") ?? "";
    const sessionToken = /__session=([^;]+)/.exec(cookie)?.[1] ?? "";
    const session = await validateSessionToken(db, sessionToken);
    expect(session?.user).toMatchObject({ email: "nora@exempel.se", name: "Nora Ny", role: "coach", municipalityId: a.id });
  });

  it("refuses a weak or mistyped password with messages by the fields, and keeps the name but not the password", async () => {
    const { db, a, coordinatorA } = await twoMunicipalities();
    const { token } = await createInvitation(db, { email: "nora@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const weak = await call(acceptPage.action, post(`/inbjudan/${token}`, { ...form, password: "kort", passwordRepeat: "kort" }), { token });
    expect(weak.status).toBe(400);
    expect(weak.data.errors.password).toMatch(/minst 10 tecken/);
    expect(weak.data.values).toEqual(expect.objectContaining({ name: "Nora Ny" }));
    expect(JSON.stringify(weak.data.values)).not.toContain("kort");

    const mismatch = await call(acceptPage.action, post(`/inbjudan/${token}`, { ...form, passwordRepeat: "tre ord som glöms" }), { token });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.errors.passwordRepeat).toMatch(/inte likadana/);
    expect(await db.selectFrom("user").select("id").where("email", "=", "nora@exempel.se").execute()).toHaveLength(0);
  });

  it("makes exactly one account when the link is accepted twice at once", async () => {
    const { db, a, coordinatorA } = await twoMunicipalities();
    const { token } = await createInvitation(db, { email: "dubbel@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const results = await Promise.all([
      call(acceptPage.action, post(`/inbjudan/${token}`, form), { token }),
      call(acceptPage.action, post(`/inbjudan/${token}`, form), { token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 410]);
    expect(results.find((r) => r.status === 410)?.data.closed).toBe("used");
    expect(await db.selectFrom("user").select("id").where("email", "=", "dubbel@exempel.se").execute()).toHaveLength(1);
  });

  it("refuses an invitation older than 14 days", async () => {
    const { db, a, coordinatorA } = await twoMunicipalities();
    const { token } = await createInvitation(
      db,
      { email: "sen@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA },
      new Date(Date.now() - 14 * DAY_MS - 60_000),
    );
    const page = await call(acceptPage.loader, get(`/inbjudan/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.data.closed).toBe("expired");
    const attempt = await call(acceptPage.action, post(`/inbjudan/${token}`, form), { token });
    expect(attempt.status).toBe(410);
    expect(await db.selectFrom("user").select("id").where("email", "=", "sen@exempel.se").execute()).toHaveLength(0);
  });

  it("answers 404 for a link that never existed or is malformed", async () => {
    for (const token of ["abcdefghijkmnpqrstuvwxyz23456789", "../../etc", ""]) {
      expect((await call(acceptPage.loader, get(`/inbjudan/${encodeURIComponent(token)}`), { token })).status).toBe(404);
    }
  });
});

describe("a coordinator looking at people", () => {
  it("lists the own municipality's coaches and school staff only, searchable and filterable", async () => {
    const { db, a, b, cookieA } = await twoMunicipalities();
    await createUser(db, { role: "coach", municipalityId: a.id, name: "Örjan Östlund", email: "orjan@exempel.se" });
    await createUser(db, { role: "school_staff", municipalityId: a.id, name: "Åsa Ås", email: "asa@exempel.se", school: "Högsby skola" });
    await createUser(db, { role: "coach", municipalityId: b.id, name: "Örjan i Mönsterås", email: "orjan.m@exempel.se" });

    const all = await call(peoplePage.loader, get("/samordnare/coacher", cookieA));
    expect(all.data.people.map((p: { name: string }) => p.name)).toEqual(["Åsa Ås", "Örjan Östlund"]);
    expect(all.data.total).toBe(2);

    const search = await call(peoplePage.loader, get(`/samordnare/coacher?q=${encodeURIComponent("örjan")}`, cookieA));
    expect(search.data.people.map((p: { name: string }) => p.name)).toEqual(["Örjan Östlund"]);

    const staff = await call(peoplePage.loader, get("/samordnare/coacher?role=school_staff&status=active", cookieA));
    expect(staff.data.people.map((p: { name: string }) => p.name)).toEqual(["Åsa Ås"]);

    const junk = await call(peoplePage.loader, get("/samordnare/coacher?role=admin&status=x&page=-3", cookieA));
    expect(junk.status).toBe(200);
    expect(junk.data.total).toBe(2);
  });

  it("pages through 50 at a time and treats LIKE wildcards in a search as plain text", async () => {
    const { db, a } = await twoMunicipalities();
    for (let i = 0; i < 53; i++) await createUser(db, { role: "coach", municipalityId: a.id, name: `Coach ${String(i).padStart(2, "0")}` });
    const second = await listPeople(db, { municipalityId: a.id, roles: ["coach"], page: 2, pageSize: 50 });
    expect(second).toMatchObject({ total: 53, page: 2, pageCount: 2 });
    expect(second.people).toHaveLength(3);
    const past = await listPeople(db, { municipalityId: a.id, roles: ["coach"], page: 9, pageSize: 50 });
    expect(past.page).toBe(2);
    expect((await listPeople(db, { municipalityId: a.id, search: "%", page: 1, pageSize: 50 })).total).toBe(0);
    expect((await listPeople(db, { municipalityId: a.id, search: "_", page: 1, pageSize: 50 })).total).toBe(0);
  });

  it("records every view of a person's record", async () => {
    const { db, a, coordinatorA, cookieA } = await twoMunicipalities();
    const coach = await createUser(db, { role: "coach", municipalityId: a.id, name: "Carl Coach" });
    const res = await call(personPage.loader, get(`/samordnare/coacher/${coach.id}`, cookieA), { id: coach.id });
    expect(res.status).toBe(200);
    expect(res.data.person).toMatchObject({ name: "Carl Coach", role: "coach" });
    await call(personPage.loader, get(`/samordnare/coacher/${coach.id}`, cookieA), { id: coach.id });
    const events = await db.selectFrom("audit_event").select(["actor_id", "subject", "municipality_id"]).where("action", "=", "person.viewed").execute();
    expect(events).toEqual([
      { actor_id: coordinatorA.id, subject: coach.id, municipality_id: a.id },
      { actor_id: coordinatorA.id, subject: coach.id, municipality_id: a.id },
    ]);
  });

  it("gets 404 for another municipality's person, a coordinator or an unknown id, and nothing is recorded", async () => {
    const { db, a, b, cookieA } = await twoMunicipalities();
    const theirs = await createUser(db, { role: "coach", municipalityId: b.id });
    const colleague = await createUser(db, { role: "coordinator", municipalityId: a.id });
    const admin = await createUser(db, { role: "admin" });
    for (const id of [theirs.id, colleague.id, admin.id, "finns-inte"]) {
      const res = await call(personPage.loader, get(`/samordnare/coacher/${id}`, cookieA), { id });
      expect(res.status).toBe(404);
      const action = await call(personPage.action, post(`/samordnare/coacher/${id}`, { intent: "deactivate", confirm: "ja" }, cookieA), { id });
      expect(action.status).toBe(404);
    }
    expect(await db.selectFrom("audit_event").select("id").execute()).toHaveLength(0);
    expect((await db.selectFrom("user").select("deactivated_at").where("id", "=", theirs.id).executeTakeFirstOrThrow()).deactivated_at).toBeNull();
  });

  it("deactivating asks for confirmation, ends the person's sessions and can be undone", async () => {
    const { db, a, cookieA } = await twoMunicipalities();
    const coach = await createUser(db, { role: "coach", municipalityId: a.id });
    const { token } = await createSession(db, coach.id);

    const unconfirmed = await call(personPage.action, post(`/samordnare/coacher/${coach.id}`, { intent: "deactivate" }, cookieA), { id: coach.id });
    expect(unconfirmed.status).toBe(400);
    expect(await validateSessionToken(db, token)).not.toBeNull();

    const res = await call(personPage.action, post(`/samordnare/coacher/${coach.id}`, { intent: "deactivate", confirm: "ja" }, cookieA), { id: coach.id });
    expect(res.data.done).toBe("deactivated");
    expect(await db.selectFrom("session").select("id").where("user_id", "=", coach.id).execute()).toHaveLength(0);
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await db.selectFrom("audit_event").select("subject").where("action", "=", "person.deactivated").execute()).toEqual([{ subject: coach.id }]);

    const back = await call(personPage.action, post(`/samordnare/coacher/${coach.id}`, { intent: "reactivate" }, cookieA), { id: coach.id });
    expect(back.data.done).toBe("reactivated");
    expect((await db.selectFrom("user").select("deactivated_at").where("id", "=", coach.id).executeTakeFirstOrThrow()).deactivated_at).toBeNull();
  });

  it("sees the municipality's figures on the dashboard", async () => {
    const { db, a, b, coordinatorA, cookieA } = await twoMunicipalities();
    await createUser(db, { role: "coach", municipalityId: a.id, name: "Ny Coach" });
    await createUser(db, { role: "school_staff", municipalityId: a.id });
    await createUser(db, { role: "coach", municipalityId: b.id });
    await createInvitation(db, { email: "snart@exempel.se", role: "coach", municipalityId: a.id, invitedBy: coordinatorA });
    const res = await call(dashboard.loader, get("/samordnare", cookieA));
    expect(res.data.municipalityName).toBe("Högsby kommun");
    expect(res.data.counts).toEqual({ coaches: 1, schoolStaff: 1, coordinators: 1, pendingInvitations: 1 });
    expect(res.data.recent.total).toBe(2);
  });

  it("every coordinator page refuses other roles and sends visitors to sign in", async () => {
    const { db, a } = await twoMunicipalities();
    const coach = await createUser(db, { role: "coach", municipalityId: a.id });
    const coachCookie = await cookieFor(coach.id);
    const loaders = [dashboard.loader, peoplePage.loader, invitationsPage.loader];
    for (const loader of loaders) {
      expect((await call(loader, get("/samordnare", coachCookie))).status).toBe(403);
      expect((await call(loader, get("/samordnare"))).status).toBe(302);
    }
    expect((await call(invitationsPage.action, post("/samordnare/inbjudningar", inviteForm("x@exempel.se"), coachCookie))).status).toBe(403);
    expect(await invitationRows()).toHaveLength(0);
  });
});

describe("an admin", () => {
  async function adminSetup() {
    const base = await twoMunicipalities();
    const admin = await createUser(base.db, { role: "admin", name: "Alva Admin" });
    return { ...base, admin, adminCookie: await cookieFor(admin.id) };
  }

  it("sees every municipality with its figures", async () => {
    const { db, a, b, adminCookie } = await adminSetup();
    await createUser(db, { role: "coach", municipalityId: b.id });
    const res = await call(adminIndex.loader, get("/admin", adminCookie));
    expect(res.data.municipalities.map((m: { slug: string; counts: { coaches: number; coordinators: number } }) => [m.slug, m.counts.coaches, m.counts.coordinators])).toEqual([
      ["hogsby", 0, 1],
      ["monsteras", 1, 1],
    ]);
    expect((await listMunicipalitiesWithCounts(db)).find((m) => m.id === a.id)?.name).toBe("Högsby kommun");
  });

  it("adds a municipality, deriving the slug from the name, and refuses a slug in use with 400", async () => {
    const { db, adminCookie } = await adminSetup();
    expect(slugFromName("Växjö kommun")).toBe("vaxjo");
    expect(slugFromName("  Upplands Väsby kommun ")).toBe("upplands-vasby");

    const created = await call(adminMunicipalities.action, post("/admin/kommuner", { name: "Växjö kommun", county: "Kronobergs län", slug: "" }, adminCookie));
    expect(created.status).toBe(200);
    expect(created.data.created).toEqual({ name: "Växjö kommun", slug: "vaxjo" });

    const duplicate = await call(adminMunicipalities.action, post("/admin/kommuner", { name: "Högsby igen", county: "Kalmar län", slug: "hogsby" }, adminCookie));
    expect(duplicate.status).toBe(400);
    expect(duplicate.data.errors.slug).toMatch(/används redan/);
    expect(duplicate.data.values.name).toBe("Högsby igen");

    const badSlug = await call(adminMunicipalities.action, post("/admin/kommuner", { name: "Ort", county: "Län", slug: "Stor Bokstav" }, adminCookie));
    expect(badSlug.status).toBe(400);
    expect(await db.selectFrom("municipality").select("slug").orderBy("slug").execute()).toEqual([{ slug: "hogsby" }, { slug: "monsteras" }, { slug: "vaxjo" }]);
  });

  it("invites a coordinator into a municipality and an admin into none", async () => {
    const { a, adminCookie } = await adminSetup();
    const noMunicipality = await call(adminUsers.action, post("/admin/anvandare", { intent: "invite", email: "chef@exempel.se", inviteRole: "coordinator", municipalityId: "" }, adminCookie));
    expect(noMunicipality.status).toBe(400);
    expect(noMunicipality.data.errors.municipalityId).toBeTruthy();

    const coordinator = await call(adminUsers.action, post("/admin/anvandare", { intent: "invite", email: "chef@exempel.se", inviteRole: "coordinator", municipalityId: a.id }, adminCookie));
    expect(coordinator.status).toBe(200);
    const admin = await call(adminUsers.action, post("/admin/anvandare", { intent: "invite", email: "ny.admin@exempel.se", inviteRole: "admin", municipalityId: a.id }, adminCookie));
    expect(admin.status).toBe(200);
    expect((await invitationRows()).map((r) => [r.email, r.role, r.municipality_id])).toEqual([
      ["chef@exempel.se", "coordinator", a.id],
      ["ny.admin@exempel.se", "admin", null],
    ]);
  });

  it("deactivates a coordinator but not themselves", async () => {
    const { coordinatorA, admin, adminCookie } = await adminSetup();
    const res = await call(adminUsers.action, post("/admin/anvandare", { intent: "deactivate", personId: coordinatorA.id }, adminCookie));
    expect(res.status).toBe(200);
    const self = await call(adminUsers.action, post("/admin/anvandare", { intent: "deactivate", personId: admin.id }, adminCookie));
    expect(self.status).toBe(403);
    const list = await call(adminUsers.loader, get("/admin/anvandare?status=deactivated", adminCookie));
    expect(list.data.people.map((p: { id: string }) => p.id)).toEqual([coordinatorA.id]);
  });

  it("reads the outbox newest first, filtered by recipient", async () => {
    const { db, a, admin, adminCookie } = await adminSetup();
    await createInvitation(db, { email: "forst@exempel.se", role: "coordinator", municipalityId: a.id, invitedBy: admin }, new Date(Date.now() - 60_000));
    await createInvitation(db, { email: "sist@exempel.se", role: "coordinator", municipalityId: a.id, invitedBy: admin });
    const all = await call(adminOutbox.loader, get("/admin/utskick", adminCookie));
    expect(all.data.messages.map((m: { to: string }) => m.to)).toEqual(["sist@exempel.se", "forst@exempel.se"]);
    const one = await call(adminOutbox.loader, get("/admin/utskick?to=FORST@exempel.se", adminCookie));
    expect(one.data.messages).toHaveLength(1);
    expect(one.data.messages[0].body).toMatch(/\/inbjudan\//);
  });

  it("admin pages refuse a coordinator", async () => {
    const { cookieA } = await adminSetup();
    for (const loader of [adminIndex.loader, adminUsers.loader, adminMunicipalities.loader, adminOutbox.loader]) {
      expect((await call(loader, get("/admin", cookieA))).status).toBe(403);
    }
    expect((await call(adminMunicipalities.action, post("/admin/kommuner", { name: "Ort", county: "Län" }, cookieA))).status).toBe(403);
  });
});
