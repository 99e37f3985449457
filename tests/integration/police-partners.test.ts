// SPDX-License-Identifier: EUPL-1.2
// The police as a partner: an admin invites a person as "Polis" and attaches them to promises;
// the partner lands on /polis, sees the promises they are attached to and no other, and follows
// up the police's commitments there.
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/permissions.server";
import { createInvitation } from "~/modules/auth/invitation.server";
import { attachPartner, detachPartner, invitePolicePartner, listPolicePartners, partnersOf } from "~/modules/promises/police-partners.server";
import { getPromise } from "~/modules/promises/promises.server";
import { publishFrozenPromise, publishPromise, startCorrection } from "~/modules/promises/promise-editing.server";
import * as adminPolice from "~/routes/admin.polis";
import * as inbjudan from "~/routes/inbjudan.$token";
import * as policeHome from "~/routes/polis._index";
import * as policePromise from "~/routes/polis.loften.$id";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as FROZEN } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

function sessionUser(user: { id: string; email: string; name: string; role: SessionUser["role"]; municipalityId: string | null }): SessionUser {
  return { ...user, municipalitySlug: null, municipalityName: null, school: null };
}

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinator = sessionUser(await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" }));
  const admin = sessionUser(await createUser(db, { role: "admin", name: "Ada Admin" }));
  const police = sessionUser(await createUser(db, { role: "polis", name: "Per Polis" }));
  const published = await publishFrozenPromise(db, { actor: coordinator, promise: FROZEN, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2024-01-10T10:00:00Z") });
  if (!published.ok) throw new Error(JSON.stringify(published));
  return { db, hogsby, coordinator, admin, police, promiseId: published.id };
}

const audit = (action: string) => testDb().selectFrom("audit_event").select(["actor_id", "subject", "details"]).where("action", "=", action).execute();

describe("inviting a police partner", () => {
  it("the admin invites a person as Polis with no municipality, who lands on /polis after accepting", async () => {
    const f = await setup();
    const admin = await cookieFor(f.admin.id);
    const invited = await call(adminPolice.action, post("/admin/polis", { intent: "invite", email: "Kommunpolis@Polisen.se" }, admin));
    expect(invited.status).toBe(200);
    expect(invited.data.notice).toContain("kommunpolis@polisen.se");
    const invitation = await f.db.selectFrom("invitation").select(["role", "municipality_id", "email"]).executeTakeFirstOrThrow();
    expect(invitation).toEqual({ role: "polis", municipality_id: null, email: "kommunpolis@polisen.se" });

    const again = await call(adminPolice.action, post("/admin/polis", { intent: "invite", email: "kommunpolis@polisen.se" }, admin));
    expect(again.status).toBe(400);
    expect(again.data.errors.email).toBe("Adressen har redan en inbjudan som gäller.");
  });

  it("an accepted police invitation makes an account as Polis, with no municipality, sent to /polis", async () => {
    const f = await setup();
    // The token reaches the person only by email: read it from the invitation function's answer.
    const { token } = await createInvitation(f.db, { email: "polis@polisen.se", role: "polis", municipalityId: null, invitedBy: { id: f.admin.id, name: f.admin.name } });
    const form = { name: "Karin Kommunpolis", password: "ett-langt-och-bra-losenord-7", passwordRepeat: "ett-langt-och-bra-losenord-7" };
    const accepted = await call(inbjudan.action, post(`/inbjudan/${token}`, form), { token });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/polis?notis=konto-skapat");
    const user = await f.db.selectFrom("user").select(["role", "municipality_id"]).where("email", "=", "polis@polisen.se").executeTakeFirstOrThrow();
    expect(user).toEqual({ role: "polis", municipality_id: null });
  });

  it("nobody but an admin invites police partners", async () => {
    const f = await setup();
    for (const actor of [f.coordinator, f.police]) {
      expect(await invitePolicePartner(f.db, { actor, email: "x@polisen.se" })).toMatchObject({ ok: false, status: 404 });
    }
    expect(await f.db.selectFrom("invitation").select("id").execute()).toEqual([]);
  });
});

describe("attaching police partners to promises", () => {
  it("attaches and detaches, audited; the partner then sees the promise and then no longer", async () => {
    const f = await setup();
    expect(await attachPartner(f.db, { actor: f.admin, promiseId: f.promiseId, userId: f.police.id })).toEqual({ ok: true });
    expect(await partnersOf(f.db, f.promiseId)).toEqual([{ id: f.police.id, name: "Per Polis", email: f.police.email }]);
    expect((await listPolicePartners(f.db))[0]).toMatchObject({ id: f.police.id, active: true, promises: [{ id: f.promiseId, title: FROZEN.title }] });
    expect(await audit("promise.partner_attached")).toEqual([{ actor_id: f.admin.id, subject: f.police.id, details: JSON.stringify({ promiseId: f.promiseId }) }]);

    const cookie = await cookieFor(f.police.id);
    const seen = await call(policePromise.loader, get(`/polis/loften/${f.promiseId}`, cookie), { id: f.promiseId });
    expect(seen.status).toBe(200);

    expect(await detachPartner(f.db, { actor: f.admin, promiseId: f.promiseId, userId: f.police.id })).toEqual({ ok: true });
    expect(await audit("promise.partner_detached")).toHaveLength(1);
    const gone = await call(policePromise.loader, get(`/polis/loften/${f.promiseId}`, cookie), { id: f.promiseId });
    expect(gone.status).toBe(404);
    const home = await call(policeHome.loader, get("/polis", cookie));
    expect(home.data.promises).toEqual([]);
  });

  it("refuses a person who is not Polis, a missing promise, a replaced version and anyone but an admin", async () => {
    const f = await setup();
    expect(await attachPartner(f.db, { actor: f.admin, promiseId: f.promiseId, userId: f.coordinator.id })).toEqual({
      ok: false,
      status: 400,
      errors: { userId: "Välj en person med rollen Polis." },
    });
    expect(await attachPartner(f.db, { actor: f.admin, promiseId: "finns-inte", userId: f.police.id })).toMatchObject({ ok: false, status: 404 });
    expect(await attachPartner(f.db, { actor: f.coordinator, promiseId: f.promiseId, userId: f.police.id })).toMatchObject({ ok: false, status: 404 });
    expect(await attachPartner(f.db, { actor: f.police, promiseId: f.promiseId, userId: f.police.id })).toMatchObject({ ok: false, status: 404 });

    const correction = await startCorrection(f.db, { actor: f.coordinator, promiseId: f.promiseId });
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    expect(await publishPromise(f.db, { actor: f.coordinator, promiseId: correction.id, correctionNote: "Rättat." })).toEqual({ ok: true });
    expect(await attachPartner(f.db, { actor: f.admin, promiseId: f.promiseId, userId: f.police.id })).toMatchObject({ ok: false, status: 409 });
    expect(await f.db.selectFrom("promise_partner").select("user_id").execute()).toEqual([]);
    expect(await audit("promise.partner_attached")).toEqual([]);
  });

  it("the admin page attaches through a form and shows each promise with its municipalities", async () => {
    const f = await setup();
    const admin = await cookieFor(f.admin.id);
    const page = await call(adminPolice.loader, get("/admin/polis", admin));
    expect(page.data.promises).toEqual([{ id: f.promiseId, label: expect.stringContaining("Högsby kommun, Mönsterås kommun") }]);
    const attached = await call(adminPolice.action, post("/admin/polis", { intent: "attach", userId: f.police.id, promiseId: f.promiseId }, admin));
    expect(attached.status).toBe(200);
    expect(await partnersOf(f.db, f.promiseId)).toHaveLength(1);
    const empty = await call(adminPolice.action, post("/admin/polis", { intent: "attach", userId: "", promiseId: "" }, admin));
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual({ userId: "Välj en polis.", promiseId: "Välj ett medborgarlöfte." });
  });
});

describe("the police partner's pages", () => {
  it("record an activity and set a status on a police commitment, and refuse a promise they are not attached to", async () => {
    const f = await setup();
    await attachPartner(f.db, { actor: f.admin, promiseId: f.promiseId, userId: f.police.id });
    const cookie = await cookieFor(f.police.id);
    const promise = (await getPromise(f.db, f.promiseId))!;
    const policeCommitment = promise.focusAreas.flatMap((a) => a.commitments).find((c) => c.owner === "polisen")!;
    const url = `/polis/loften/${f.promiseId}`;
    const recorded = await call(
      policePromise.action,
      post(url, { intent: "activity", commitmentId: policeCommitment.id, happenedOn: "2025-05-05", title: "Uppsökande arbete", description: "Samtal med unga i centrum.", participants: "3" }, cookie),
      { id: f.promiseId },
    );
    expect(recorded).toMatchObject({ status: 200, data: { notice: "Aktiviteten är registrerad." } });
    const status = await call(policePromise.action, post(url, { intent: "status", commitmentId: policeCommitment.id, status: "in_progress", note: "Pågår hela året." }, cookie), { id: f.promiseId });
    expect(status).toMatchObject({ status: 200, data: { notice: "Statusen är sparad." } });
    const bad = await call(policePromise.action, post(url, { intent: "activity", commitmentId: policeCommitment.id, happenedOn: "2031-01-01", title: "x", description: "y" }, cookie), { id: f.promiseId });
    expect(bad.status).toBe(400);
    expect(bad.data.failed.errors.happenedOn).toMatch(/har inte kommit än/);

    const stranger = await cookieFor((await createUser(f.db, { role: "polis", name: "Olle Okopplad" })).id);
    expect((await call(policePromise.loader, get(url, stranger), { id: f.promiseId })).status).toBe(404);
    const posted = await call(policePromise.action, post(url, { intent: "commentary", text: "Hej" }, stranger), { id: f.promiseId });
    expect(posted.status).toBe(404);
    expect(await f.db.selectFrom("promise_police_text").select("text").execute()).toEqual([]);
  });
});
