// SPDX-License-Identifier: EUPL-1.2
// The municipality's profile and logo, kept by its coordinator or an admin (issue #15).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/permissions.server";
import { signInWithPassword } from "~/modules/auth/account.server";
import { createInvitation } from "~/modules/auth/invitation.server";
import { enqueueEmail, sendPendingEmails } from "~/modules/email/outbox.server";
import { createSession, validateSessionToken } from "~/modules/auth/session.server";
import { pendingCoordinatorInvitations } from "~/modules/municipalities/coordinator-invitations.server";
import { createMunicipality as createMunicipalityAsAdmin, findMunicipalityBySlug } from "~/modules/municipalities/municipalities.server";
import {
  getMunicipalityProfile,
  readMunicipalityLogo,
  removeMunicipalityLogo,
  saveMunicipalityLogo,
  saveMunicipalityProfile,
  submitAdminMunicipalityForm,
} from "~/modules/municipalities/profile.server";
import { loader as followupLoader } from "~/routes/uppfoljning.$kommun._index";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { call, get } from "../helpers/requests";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

const FULL = {
  officialName: "Högsby kommun",
  contactName: "Sara Samordnare",
  contactTitle: "ANDTS-samordnare",
  contactEmail: "Sara.Samordnare@Hogsby.se",
  contactPhone: "0491-290 00",
  postalAddress: "Box 3\r\n579 21 Högsby",
  website: "https://www.hogsby.se",
  emailSenderName: "Högsby kommun – ANDTS-coacher",
  issuerName: "Sara Samordnare",
  issuerTitle: "ANDTS-samordnare",
};

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås");
  const asActor = async (role: "coordinator" | "admin" | "coach", municipality: { id: string; slug: string; name: string } | null): Promise<SessionUser> => {
    const user = await createUser(db, { role, municipalityId: municipality?.id ?? null });
    return { ...user, municipalitySlug: municipality?.slug ?? null, municipalityName: municipality?.name ?? null, school: null };
  };
  return { db, hogsby, monsteras, coordinator: await asActor("coordinator", hogsby), otherCoordinator: await asActor("coordinator", monsteras), admin: await asActor("admin", null), coach: await asActor("coach", hogsby) };
}

describe("the profile", () => {
  it("is saved by the municipality's coordinator, audited, and read back as pages and emails use it", async () => {
    const { db, hogsby, coordinator } = await setup();
    expect((await getMunicipalityProfile(db, hogsby.id))?.officialName).toBe("Högsby kommun");
    expect(await saveMunicipalityProfile(db, { actor: coordinator, municipalityId: hogsby.id, form: form(FULL) })).toEqual({ ok: true });
    expect(await getMunicipalityProfile(db, hogsby.id)).toMatchObject({
      officialName: "Högsby kommun",
      contact: { name: "Sara Samordnare", title: "ANDTS-samordnare", email: "sara.samordnare@hogsby.se", phone: "0491-290 00" },
      postalAddress: "Box 3\n579 21 Högsby",
      website: "https://www.hogsby.se",
      emailSenderName: "Högsby kommun – ANDTS-coacher",
      issuer: { name: "Sara Samordnare", title: "ANDTS-samordnare" },
      logo: null,
    });
    const audit = await db.selectFrom("audit_event").select(["action", "actor_id", "municipality_id"]).where("action", "=", "municipality.profile").execute();
    expect(audit).toEqual([{ action: "municipality.profile", actor_id: coordinator.id, municipality_id: hogsby.id }]);
  });

  it("is saved by an admin for any municipality", async () => {
    const { db, monsteras, admin } = await setup();
    expect(await saveMunicipalityProfile(db, { actor: admin, municipalityId: monsteras.id, form: form({ officialName: "Mönsterås kommun" }) })).toEqual({ ok: true });
  });

  it("of another municipality does not exist for a coordinator, and a coach cannot change their own", async () => {
    const { db, monsteras, hogsby, coordinator, coach } = await setup();
    for (const [actor, id] of [
      [coordinator, monsteras.id],
      [coach, hogsby.id],
    ] as const) {
      expect(await saveMunicipalityProfile(db, { actor, municipalityId: id, form: form(FULL) })).toMatchObject({ ok: false, status: 404 });
    }
    expect((await getMunicipalityProfile(db, monsteras.id))?.contact.name).toBeNull();
  });

  it.each([
    ["contactPhone", "0491-ABC", "Skriv telefonnumret med siffror"],
    ["contactEmail", "sara@", "namn@kommun.se"],
    ["website", "javascript:alert(1)", "hela adress"],
    ["website", "hogsby.se", "hela adress"],
    ["emailSenderName", "Högsby\r\nBcc: alla@exempel.se", "otillåtna tecken"],
    ["emailSenderName", 'Högsby "kommun" <x@y.se>', "citattecken"],
    ["officialName", "", "officiella namn"],
  ])("refuses %s = %j with a Swedish message and saves nothing", async (field, value, message) => {
    const { db, hogsby, coordinator } = await setup();
    const result = await saveMunicipalityProfile(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ ...FULL, [field]: value }) });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { [field]: expect.stringContaining(message) } });
    expect((await getMunicipalityProfile(db, hogsby.id))?.contact.name).toBeNull();
  });
});

describe("the logo", () => {
  const upload = (bytes: Uint8Array<ArrayBuffer> | string, name: string, type: string) => new File([bytes], name, { type });

  it("is stored re-encoded, replaced by the next, removed, and audited each time", async () => {
    const { db, hogsby, coordinator } = await setup();
    const png = new Uint8Array(await sharp({ create: { width: 40, height: 20, channels: 4, background: "#1d4f91" } }).png().toBuffer());
    expect(await saveMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id, file: upload(png, "logga.png", "image/png") })).toEqual({ ok: true });
    expect((await getMunicipalityProfile(db, hogsby.id))?.logo).toMatchObject({ contentType: "image/png", width: 40, height: 20 });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><script>alert(1)</script><rect width="4" height="4"/></svg>';
    // The name and the browser's type say PNG; the bytes say SVG, and the bytes decide.
    expect(await saveMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id, file: upload(svg, "logga.png", "image/png") })).toEqual({ ok: true });
    const stored = await readMunicipalityLogo(db, hogsby.id);
    expect(stored?.contentType).toBe("image/svg+xml");
    expect(new TextDecoder().decode(stored!.data)).not.toContain("script");
    expect(await removeMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id })).toEqual({ ok: true });
    expect(await readMunicipalityLogo(db, hogsby.id)).toBeUndefined();
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "municipality.logo").execute()).toHaveLength(3);
  });

  it("that is not an image, or over 1 MB, is refused and the old one stays", async () => {
    const { db, hogsby, coordinator } = await setup();
    const png = new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } }).png().toBuffer());
    await saveMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id, file: upload(png, "logga.png", "image/png") });
    const before = await readMunicipalityLogo(db, hogsby.id);
    expect(await saveMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id, file: upload("%PDF-1.4", "logga.svg", "image/svg+xml") })).toMatchObject({
      ok: false,
      status: 400,
      errors: { logo: expect.stringContaining("ingen bild") },
    });
    expect(await saveMunicipalityLogo(db, { actor: coordinator, municipalityId: hogsby.id, file: upload(new Uint8Array(1024 * 1024 + 1), "stor.png", "image/png") })).toMatchObject({
      ok: false,
      errors: { logo: expect.stringContaining("högst 1 MB") },
    });
    expect((await readMunicipalityLogo(db, hogsby.id))?.sha256).toBe(before?.sha256);
  });

  it("of another municipality cannot be changed by a coordinator", async () => {
    const { db, monsteras, coordinator } = await setup();
    expect(await removeMunicipalityLogo(db, { actor: coordinator, municipalityId: monsteras.id })).toMatchObject({ ok: false, status: 404 });
  });
});

describe("an admin manages a municipality", () => {
  it("renames it: the old slug finds it and redirects, and no other municipality may take the old slug", async () => {
    const { db, hogsby, admin } = await setup();
    const rename = (slug: string) =>
      submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "municipality", name: "Högsby", county: "Kalmar län", slug }) });
    expect(await rename("hogsby-kommun")).toMatchObject({ kind: "saved", slug: "hogsby-kommun" });
    expect(await findMunicipalityBySlug(db, "hogsby")).toMatchObject({ id: hogsby.id, slug: "hogsby-kommun", renamedFrom: "hogsby" });
    expect(await findMunicipalityBySlug(db, "hogsby-kommun")).toMatchObject({ id: hogsby.id, renamedFrom: null });
    expect(await createMunicipalityAsAdmin(db, { name: "Nya Högsby", county: "Kalmar län", slug: "hogsby", actorId: admin.id })).toEqual({ status: "slug_taken", slug: "hogsby" });
    // Going back to its own former slug is allowed, and the one it leaves becomes a former one.
    expect(await rename("hogsby")).toMatchObject({ kind: "saved", slug: "hogsby" });
    expect(await findMunicipalityBySlug(db, "hogsby-kommun")).toMatchObject({ slug: "hogsby", renamedFrom: "hogsby-kommun" });
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "municipality.updated").execute()).toHaveLength(2);
  });

  it("refuses another municipality's slug and a malformed one, and changes nothing", async () => {
    const { db, hogsby, admin } = await setup();
    for (const slug of ["monsteras", "Högsby!"]) {
      const result = await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "municipality", name: "Högsby", county: "Kalmar län", slug }) });
      expect(result).toMatchObject({ kind: "errors", status: 400, errors: { slug: expect.any(String) } });
    }
    expect(await findMunicipalityBySlug(db, "hogsby")).toMatchObject({ name: "Högsby", renamedFrom: null });
  });

  it("refuses a name or county with control characters, and changes nothing", async () => {
    const { db, hogsby, admin } = await setup();
    const before = await db.selectFrom("municipality").select(["name", "county"]).where("id", "=", hogsby.id).executeTakeFirst();
    for (const values of [{ name: "Högsby\u0016", county: "Kalmar län" }, { name: "Högsby", county: "Kalmar\u0011 län" }]) {
      const result = await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "municipality", slug: "hogsby", ...values }) });
      expect(result).toMatchObject({ kind: "errors", status: 400 });
    }
    expect(await db.selectFrom("municipality").select(["name", "county"]).where("id", "=", hogsby.id).executeTakeFirst()).toEqual(before);
  });

  it("deactivates it: its people are signed out and cannot sign in, nobody is invited; reactivating gives it all back", async () => {
    const { db, hogsby, admin } = await setup();
    const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id, email: "coach@hogsby.se" });
    const { token } = await createSession(db, coach.id);
    const signIn = () => signInWithPassword(db, { email: "coach@hogsby.se", password: TEST_PASSWORD, ip: "192.0.2.1" });
    expect((await signIn()).status).toBe("ok");

    expect(await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "deactivate" }) })).toMatchObject({ kind: "saved" });
    expect(await validateSessionToken(db, token)).toBeNull();
    expect((await signIn()).status).toBe("wrong_credentials");
    await expect(createInvitation(db, { email: "ny@hogsby.se", role: "coach", municipalityId: hogsby.id, invitedBy: null })).rejects.toMatchObject({ code: "municipality_inactive" });

    expect(await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "reactivate" }) })).toMatchObject({ kind: "saved" });
    expect((await signIn()).status).toBe("ok");
    expect(await db.selectFrom("audit_event").select("action").where("action", "in", ["municipality.deactivated", "municipality.reactivated"]).execute()).toHaveLength(2);
  });

  it("is an admin's task only", async () => {
    const { db, hogsby, coordinator } = await setup();
    expect(await submitAdminMunicipalityForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "deactivate" }) })).toMatchObject({ kind: "errors", status: 404 });
    expect((await getMunicipalityProfile(db, hogsby.id))?.deactivatedAt).toBeNull();
  });
});

describe("emails to the municipality's people", () => {
  it("come under its sender name, signed with its contact; others under the service's own name", async () => {
    const { db, hogsby, coordinator, admin } = await setup();
    await saveMunicipalityProfile(db, { actor: coordinator, municipalityId: hogsby.id, form: form(FULL) });
    const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id, email: "coach@hogsby.se" });
    await enqueueEmail(db, { to: coach.email, subject: "Påminnelse", text: "Fortsätt där du slutade.\n" });
    await enqueueEmail(db, { to: admin.email, subject: "Logg", text: "Hej" });
    // An invited person without an account yet is the municipality's too.
    await enqueueEmail(db, { to: "ny@hogsby.se", subject: "Inbjudan", text: "Välkommen" }).then(async () => {
      await db.deleteFrom("outbox").where("to_address", "=", "ny@hogsby.se").execute();
      await createInvitation(db, { email: "ny@hogsby.se", role: "coach", municipalityId: hogsby.id, invitedBy: null });
    });

    const sent: Array<{ from: unknown; to: string; text: string }> = [];
    await sendPendingEmails(db, { sendMail: async (m) => void sent.push({ from: m.from, to: m.to, text: m.text }) }, { from: "Coachportalen <noreply@coachportalen.se>" });
    const to = (address: string) => sent.find((m) => m.to === address)!;
    expect(to("coach@hogsby.se").from).toEqual({ name: "Högsby kommun – ANDTS-coacher", address: "noreply@coachportalen.se" });
    expect(to("coach@hogsby.se").text).toBe(
      "Fortsätt där du slutade.\n\n-- \nHögsby kommun\nSara Samordnare, ANDTS-samordnare\nsara.samordnare@hogsby.se · 0491-290 00\nhttps://www.hogsby.se\n",
    );
    expect(to("ny@hogsby.se").from).toMatchObject({ name: "Högsby kommun – ANDTS-coacher" });
    expect(to(admin.email)).toEqual({ from: "Coachportalen <noreply@coachportalen.se>", to: admin.email, text: "Hej" });
  });
});

describe("an admin and the municipality's coordinator invitations", () => {
  it("sees the waiting invitation, sends it again by inviting the address again, resends and withdraws it", async () => {
    const { db, hogsby, monsteras, admin } = await setup();
    const submit = (municipalityId: string, values: Record<string, string>) => submitAdminMunicipalityForm(db, { actor: admin, municipalityId, form: form(values) });
    expect(await submit(hogsby.id, { intent: "invite-coordinator", email: "Ny.Samordnare@Hogsby.se" })).toMatchObject({ kind: "saved" });
    let [pending] = await pendingCoordinatorInvitations(db, hogsby.id);
    expect(pending).toMatchObject({ email: "ny.samordnare@hogsby.se" });
    const firstHash = (await db.selectFrom("invitation").select("token_hash").where("id", "=", pending!.id).executeTakeFirstOrThrow()).token_hash;

    // Once refused; now the person gets a working invitation, and the old link stops working.
    expect(await submit(hogsby.id, { intent: "invite-coordinator", email: "ny.samordnare@hogsby.se" })).toMatchObject({ kind: "saved", message: expect.stringContaining("hade redan en inbjudan") });
    expect(await pendingCoordinatorInvitations(db, hogsby.id)).toHaveLength(1);
    expect((await db.selectFrom("invitation").select("token_hash").where("id", "=", pending!.id).executeTakeFirstOrThrow()).token_hash).not.toBe(firstHash);

    expect(await submit(hogsby.id, { intent: "resend", invitationId: pending!.id })).toMatchObject({ kind: "saved" });
    // Another municipality's page does not reach this invitation.
    expect(await submit(monsteras.id, { intent: "withdraw", invitationId: pending!.id })).toMatchObject({ kind: "errors", status: 404 });
    expect(await submit(hogsby.id, { intent: "withdraw", invitationId: pending!.id })).toMatchObject({ kind: "saved" });
    [pending] = await pendingCoordinatorInvitations(db, hogsby.id);
    expect(pending).toBeUndefined();
    const sent = await db.selectFrom("outbox").select("to_address").where("to_address", "=", "ny.samordnare@hogsby.se").execute();
    expect(sent).toHaveLength(3);
  });

  it("refuses a malformed address and an address with an account", async () => {
    const { db, hogsby, admin, coordinator } = await setup();
    expect(await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "invite-coordinator", email: "inte-en-adress" }) })).toMatchObject({ kind: "errors", status: 400 });
    expect(await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "invite-coordinator", email: coordinator.email }) })).toMatchObject({
      kind: "errors",
      errors: { email: expect.stringContaining("redan ett konto") },
    });
  });
});

describe("a renamed municipality's public follow-up", () => {
  it("answers its old addresses with a permanent redirect to the same page, and shows its logo and 'Om tjänsten'", async () => {
    const { db, hogsby, admin } = await setup();
    await submitAdminMunicipalityForm(db, { actor: admin, municipalityId: hogsby.id, form: form({ intent: "municipality", name: "Högsby", county: "Kalmar län", slug: "hogsby-kommun" }) });
    const old = await call(followupLoader, get("/uppfoljning/hogsby?x=1"), { kommun: "hogsby" });
    expect(old.status).toBe(301);
    expect(old.headers.get("Location")).toBe("/uppfoljning/hogsby-kommun?x=1");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>';
    await saveMunicipalityLogo(db, { actor: admin, municipalityId: hogsby.id, file: new File([svg], "l.svg", { type: "image/svg+xml" }) });
    const page = await call(followupLoader, get("/uppfoljning/hogsby-kommun"), { kommun: "hogsby-kommun" });
    expect(page.status).toBe(200);
    expect(page.data.municipality).toMatchObject({ officialName: "Högsby kommun", logoUrl: expect.stringMatching(/^\/om\/hogsby-kommun\/logotyp\?v=[0-9a-f]{16}$/) });
    expect((await call(followupLoader, get("/uppfoljning/finns-inte"), { kommun: "finns-inte" })).status).toBe(404);
  });
});
