// SPDX-License-Identifier: EUPL-1.2
// Importing earlier training for people without an account (issue #16): a file may name
// registered coaches, people invited who have not registered, and people with no account at
// all. The preview says what happens to each; confirming saves all of it or nothing; credits of
// the unregistered wait on their invitation, apply when it is accepted (certifying at once,
// dated by the training) and go when it is withdrawn. Another municipality's people and
// invitations are never touched.
import { describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { acceptInvitation, createInvitation, withdrawInvitation } from "~/modules/auth/invitation.server";
import { confirmImport, creditedSteps, parseCsv, previewImport, signPayload, wholeTrainingKeys } from "~/modules/certification/credits.server";
import { setMunicipalityActive } from "~/modules/municipalities/municipalities.server";
import { listRoster } from "~/modules/roster/roster.server";
import * as acceptPage from "~/routes/inbjudan.$token";
import { loader } from "~/routes/samordnare.tidigare-utbildning";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const TRACK = "andts-coach-grund";
const NOW = new Date("2026-03-01T10:00:00Z");
const LATER = new Date("2026-03-05T08:00:00Z");
const track = () => getContent().tracks.find((t) => t.slug === TRACK)!;
const WHOLE = () => wholeTrainingKeys(track()).length;

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "a");
  const b = await createMunicipality(db, "b");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sam Ordnare" });
  const otherCoordinator = await createUser(db, { role: "coordinator", municipalityId: b.id, name: "Bea Annan" });
  const coach = await createUser(db, { role: "coach", municipalityId: a.id, email: "anna@a.example", name: "Anna Andersson" });
  const foreign = await createUser(db, { role: "coach", municipalityId: b.id, email: "cecilia@b.example", name: "Cecilia Ceder" });
  const actor = { ...coordinator, municipalityId: a.id, municipalitySlug: "a", municipalityName: "a kommun", school: null };
  const inviter = { id: coordinator.id, name: coordinator.name };
  return { db, a, b, coordinator, otherCoordinator, coach, foreign, actor, inviter };
}

function csv(lines: string[]): string[][] {
  return parseCsv(`\uFEFFe-post;namn;datum;moment\n${lines.join("\n")}\n`);
}

type Actor = Awaited<ReturnType<typeof setup>>["actor"];

async function importFile(actor: Actor, rows: string[][], now = NOW) {
  const db = testDb();
  const payload = JSON.stringify(rows);
  return confirmImport(db, { actor, content: getContent(), track: track(), payload, signature: await signPayload(db, actor.id, TRACK, payload), now });
}

async function counts() {
  const db = testDb();
  const n = async (table: "prior_training" | "invitation" | "invitation_credit" | "outbox" | "certification") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return { prior: await n("prior_training"), invitations: await n("invitation"), waiting: await n("invitation_credit"), emails: await n("outbox"), certificates: await n("certification") };
}

/** The link's token from the newest invitation email to the address, as the person would follow it. */
async function tokenFromEmail(address: string): Promise<string> {
  const email = await testDb().selectFrom("outbox").select("body_text").where("to_address", "=", address).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
  const token = /\/inbjudan\/([a-z0-9]+)/.exec(email.body_text)?.[1];
  if (!token) throw new Error(`Ingen inbjudningslänk i:\n${email.body_text}`);
  return token;
}

async function invitationOf(email: string) {
  return testDb().selectFrom("invitation").selectAll().where("email", "=", email).orderBy("created_at", "desc").execute();
}

describe("importing people without an account", () => {
  it("previews a registered coach, an invited person and a new person, and saves each as promised", async () => {
    const { db, actor, inviter, coach, a } = await setup();
    await createInvitation(db, { email: "ivar@a.example", role: "coach", municipalityId: a.id, invitedBy: inviter }, NOW);
    const rows = csv(["anna@a.example;Anna Andersson;2024-10-15;alla", "ivar@a.example;Ivar Inbjuden;2024-10-15;alla", "Nora@a.example;Nora Ny;2024-05-20;alla"]);
    const before = await counts();
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.rows.map((r) => [r.outcome, r.person])).toEqual([
      ["new", "registered"],
      ["new", "invited"],
      ["new", "new"],
    ]);
    expect(preview.invitationCount).toBe(1);
    expect(await counts()).toEqual(before);

    const result = await importFile(actor, rows);
    expect(result).toMatchObject({ ok: true, created: WHOLE(), people: 1, invited: 1, waiting: 2 * WHOLE(), waitingPeople: 2 });
    expect((await creditedSteps(db, coach.id, TRACK)).size).toBe(WHOLE());

    // The new person is invited as the invitation page invites: one invitation, one email, audited.
    const [nora] = await invitationOf("nora@a.example");
    expect(nora).toMatchObject({ role: "coach", municipality_id: a.id, invited_by: actor.id, name: "Nora Ny", accepted_at: null });
    expect(await db.selectFrom("outbox").select("subject").where("to_address", "=", "nora@a.example").execute()).toHaveLength(1);
    expect(await db.selectFrom("audit_event").select("actor_id").where("action", "=", "invitation.created").where("subject", "=", "nora@a.example").execute()).toEqual([{ actor_id: actor.id }]);
    // The invited person keeps their one invitation and link: no second invitation, no second email.
    expect(await invitationOf("ivar@a.example")).toHaveLength(1);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", "ivar@a.example").execute()).toHaveLength(1);
    const after = await counts();
    expect(after).toMatchObject({ prior: before.prior + WHOLE(), invitations: before.invitations + 1, waiting: 2 * WHOLE() });

    // The coach list shows what waits on each invitation.
    const roster = await listRoster(db, { municipalityId: a.id, content: getContent(), filters: { q: "", status: "invited", sort: "name", dir: "asc" }, page: 1, pageSize: 50, now: NOW });
    expect(roster.rows.map((r) => [r.email, r.pendingCredits]).sort()).toEqual([
      ["ivar@a.example", WHOLE()],
      ["nora@a.example", WHOLE()],
    ]);

    // The same file again changes nothing: everything is registered or already waiting.
    const again = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(again.rows.map((r) => r.outcome)).toEqual(["existing", "existing", "existing"]);
  });

  it("saves nothing when one row is wrong: no credit, no invitation, no email", async () => {
    const { db, actor } = await setup();
    const before = await counts();
    const rows = csv([
      "anna@a.example;Anna Andersson;2024-10-15;alla",
      "nora@a.example;Nora Ny;2024-05-20;alla",
      "otto@a.example;Otto Ny;31/13/2024;alla", // 4: bad date
      "namnlos@a.example;;2024-05-20;alla", // 5: someone new needs a name
      "inte-en-adress;Ingen Adress;2024-05-20;alla", // 6: no address to invite
      "kort@a.example;K;2024-05-20;alla", // 7: not a name the account could have
    ]);
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.rows.map((r) => r.outcome)).toEqual(["new", "new", "error", "error", "error", "error"]);
    const messages = preview.rows.flatMap((r) => r.errors);
    expect(messages).toContain("Rad 5: namnet saknas (det behövs för den som får en inbjudan).");
    expect(messages).toContain('Rad 6: e-postadressen "inte-en-adress" är inte en giltig adress.');
    expect(messages).toContain('Rad 7: namnet "K" ska ha 2–100 tecken och inga styrtecken.');
    const result = await importFile(actor, rows);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("4, 5, 6, 7") });
    expect(await counts()).toEqual(before);
    expect(await db.selectFrom("audit_event").select("action").where("action", "in", ["invitation.created", "prior.imported", "prior.registered"]).execute()).toEqual([]);
  });

  it("rolls back what it had saved when an invitation cannot be made while saving", async () => {
    const { db, actor, a, otherCoordinator } = await setup();
    const rows = csv(["anna@a.example;Anna Andersson;2024-10-15;alla", "ivar@a.example;Ivar Inbjuden;2024-10-15;alla", "nora@a.example;Nora Ny;2024-05-20;alla"]);
    await createInvitation(db, { email: "ivar@a.example", role: "coach", municipalityId: a.id, invitedBy: { id: actor.id, name: actor.name } }, NOW);
    // A municipality that has left takes nobody new in: the invitation for row 4 is refused after rows 2 and 3 were written.
    await setMunicipalityActive(db, { id: a.id, active: false, actorId: otherCoordinator.id }, NOW);
    const before = await counts();
    const result = await importFile(actor, rows);
    expect(result).toEqual({ ok: false, message: "Ingenting importerades: a kommun är avaktiverad och tar inte emot nya inbjudningar. Ladda upp filen igen." });
    expect(await counts()).toEqual(before);
  });

  it("applies the waiting credits when the invitation is accepted, as the coordinator's registration, and certifies from the training date", async () => {
    const { db, actor } = await setup();
    const result = await importFile(actor, csv(["nora@a.example;Nora Ny;2024-05-20;alla"]));
    expect(result).toMatchObject({ ok: true, invited: 1 });
    expect(await db.selectFrom("certification").selectAll().execute()).toHaveLength(0);

    const accepted = await acceptInvitation(db, await tokenFromEmail("nora@a.example"), { name: "Nora Nyberg", password: "ett långt lösenord för nora" }, LATER);
    if (accepted.status !== "accepted") throw new Error(accepted.status);
    const userId = accepted.userId;

    const credits = await db.selectFrom("prior_training").selectAll().where("user_id", "=", userId).execute();
    expect(credits).toHaveLength(WHOLE());
    for (const credit of credits) expect(credit).toMatchObject({ completed_on: "2024-05-20", registered_by: actor.id, created_at: LATER.toISOString(), note: "Importerad från fil" });
    expect(await db.selectFrom("invitation_credit").selectAll().execute()).toEqual([]);
    const registered = await db.selectFrom("audit_event").select(["actor_id", "details"]).where("action", "=", "prior.registered").where("subject", "=", userId).execute();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.actor_id).toBe(actor.id);
    expect(JSON.parse(registered[0]!.details!)).toMatchObject({ track: TRACK, completedOn: "2024-05-20" });

    // Certified at once, from the training date (decision 026), not from the day of acceptance.
    const certificates = await db.selectFrom("certification").select(["issued_at", "expires_at", "track"]).where("user_id", "=", userId).execute();
    expect(certificates).toHaveLength(1);
    expect(certificates[0]!.issued_at.slice(0, 10)).toBe("2024-05-20");
    expect(certificates[0]!.expires_at.slice(0, 7)).toBe("2026-05");
    expect(await db.selectFrom("outbox").select("subject").where("to_address", "=", "nora@a.example").execute()).toHaveLength(2);
  });

  it("drops the waiting credits with a withdrawn invitation, and a new import invites afresh", async () => {
    const { db, actor, a, inviter } = await setup();
    const invitation = await createInvitation(db, { email: "ivar@a.example", role: "coach", municipalityId: a.id, invitedBy: inviter }, NOW);
    expect(await importFile(actor, csv(["ivar@a.example;Ivar Inbjuden;2024-10-15;alla"]))).toMatchObject({ ok: true, waiting: WHOLE() });
    await withdrawInvitation(db, invitation.id, actor.id, LATER);
    expect(await db.selectFrom("invitation_credit").selectAll().execute()).toEqual([]);
    const withdrawn = await db.selectFrom("audit_event").select("details").where("action", "=", "invitation.withdrawn").executeTakeFirstOrThrow();
    expect(JSON.parse(withdrawn.details!)).toEqual({ pendingCreditsDropped: WHOLE() });
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows: csv(["ivar@a.example;Ivar Inbjuden;2024-10-15;alla"]), now: LATER });
    expect(preview.rows[0]).toMatchObject({ outcome: "new", person: "new" });
  });

  it("renews the municipality's own expired invitation instead of making a second one", async () => {
    const { db, actor, a, inviter } = await setup();
    const old = await createInvitation(db, { email: "ivar@a.example", role: "coach", municipalityId: a.id, invitedBy: inviter }, new Date("2026-01-01T10:00:00Z"));
    const rows = csv(["ivar@a.example;Ivar Inbjuden;2024-10-15;alla"]);
    expect((await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW })).rows[0]!.person).toBe("renewed");
    expect(await importFile(actor, rows)).toMatchObject({ ok: true, invited: 0, waitingPeople: 1 });
    const invitations = await invitationOf("ivar@a.example");
    expect(invitations).toHaveLength(1);
    expect(new Date(invitations[0]!.expires_at) > NOW).toBe(true);
    expect(await db.selectFrom("invitation_credit").select("invitation_id").distinct().execute()).toEqual([{ invitation_id: old.id }]);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", "ivar@a.example").execute()).toHaveLength(2);
  });

  it("offers the file's name on the acceptance page and says training waits there", async () => {
    const { actor } = await setup();
    // The page reads the clock: the invitation is made now.
    await importFile(actor, csv(["nora@a.example;Nora Ny;2024-05-20;alla"]), new Date());
    const token = await tokenFromEmail("nora@a.example");
    const page = await call(acceptPage.loader, get(`/inbjudan/${token}`), { token });
    expect(page.data.invitation).toMatchObject({ email: "nora@a.example", name: "Nora Ny", pendingCredits: WHOLE() });
  });

  it("keeps the waiting credits when the coordinator invites the person again after the invitation expired", async () => {
    const { db, actor, a, inviter } = await setup();
    await importFile(actor, csv(["nora@a.example;Nora Ny;2024-05-20;alla"]), new Date("2026-01-01T10:00:00Z"));
    const again = await createInvitation(db, { email: "nora@a.example", role: "coach", municipalityId: a.id, invitedBy: inviter }, NOW);
    expect(await db.selectFrom("invitation_credit").select("invitation_id").distinct().execute()).toEqual([{ invitation_id: again.id }]);
    const accepted = await acceptInvitation(db, again.token, { name: "Nora Ny", password: "ett långt lösenord för nora" }, LATER);
    if (accepted.status !== "accepted") throw new Error(accepted.status);
    expect((await creditedSteps(db, accepted.userId, TRACK)).size).toBe(WHOLE());
  });

  it("refuses, naming the row, another municipality's account, a non-coach account and another municipality's invitation, and never reuses that invitation", async () => {
    const { db, actor, b, coordinator, otherCoordinator } = await setup();
    const elsewhere = { id: otherCoordinator.id, name: otherCoordinator.name };
    await createInvitation(db, { email: "olle@b.example", role: "coach", municipalityId: b.id, invitedBy: elsewhere }, NOW);
    const expiredElsewhere = await createInvitation(db, { email: "vera@b.example", role: "coach", municipalityId: b.id, invitedBy: elsewhere }, new Date("2026-01-01T10:00:00Z"));
    const rows = csv([
      "cecilia@b.example;Cecilia Ceder;2024-10-15;alla", // 2: a coach of municipality B
      `${coordinator.email};Sam Ordnare;2024-10-15;alla`, // 3: not a coach
      "olle@b.example;Olle Annan;2024-10-15;alla", // 4: invited by B, still valid
    ]);
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.rows.map((r) => r.errors)).toEqual([
      ['Rad 2: e-postadressen "cecilia@b.example" hör till ett konto som inte är coach i din kommun.'],
      [`Rad 3: e-postadressen "${coordinator.email}" hör till ett konto som inte är coach i din kommun.`],
      ['Rad 4: e-postadressen "olle@b.example" har redan en inbjudan till en annan kommun eller roll.'],
    ]);
    const before = await counts();
    expect(await importFile(actor, rows)).toMatchObject({ ok: false });
    expect(await counts()).toEqual(before);

    // B's expired invitation is not renewed or given A's credits: A invites the person itself.
    const result = await importFile(actor, csv(["vera@b.example;Vera Ny;2024-10-15;alla"]));
    expect(result).toMatchObject({ ok: true, invited: 1 });
    const vera = await invitationOf("vera@b.example");
    expect(vera).toHaveLength(2);
    const theirs = vera.find((i) => i.id === expiredElsewhere.id)!;
    expect(theirs.expires_at).toBe(expiredElsewhere.expiresAt.toISOString());
    expect(await db.selectFrom("invitation_credit").select("id").where("invitation_id", "=", theirs.id).execute()).toEqual([]);
  });

  it("answers 404 on the import page for another municipality's coach", async () => {
    const { coordinator, foreign, coach } = await setup();
    const cookie = await cookieFor(coordinator.id);
    expect((await call(loader, get(`/samordnare/tidigare-utbildning?coach=${foreign.id}`, cookie))).status).toBe(404);
    expect((await call(loader, get(`/samordnare/tidigare-utbildning?coach=${coach.id}`, cookie))).status).toBe(200);
  });
});
