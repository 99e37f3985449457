// SPDX-License-Identifier: EUPL-1.2
// The second factor's secret at rest (docs/decisions/043-totp-secret-at-rest.md): with SECRETS_KEY
// it is stored encrypted, so the database alone cannot produce anyone's codes; secrets kept as
// they were before get encrypted at start; and a start without the key, or with another one,
// stops once secrets are encrypted. Through the app's own functions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { confirmEnrolment, enrolWithSecret, startEnrolment, totpCodeFor, TOTP_PERIOD_SECONDS, verifySecondFactor } from "~/modules/auth/second-factor.server";
import { encryptTotpSecretsAtStartup } from "~/modules/auth/totp-secret.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";

const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString("base64");
const OTHER_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 41 + 5) % 256)).toString("base64");
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

let savedKey: string | undefined;
beforeEach(() => {
  savedKey = process.env.SECRETS_KEY;
});
afterEach(() => {
  if (savedKey === undefined) delete process.env.SECRETS_KEY;
  else process.env.SECRETS_KEY = savedKey;
});

async function coordinator() {
  const db = testDb();
  const municipality = await createMunicipality(db, `totp-${Math.random().toString(36).slice(2, 7)}`);
  const person = await createUser(db, { role: "coordinator", municipalityId: municipality.id });
  return { ...person, person: { id: person.id, municipalityId: municipality.id } };
}

const stored = async (userId: string) => (await testDb().selectFrom("user_totp").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow()).secret;
/** The next step's code: accepted, and not the step an enrolment just spent. */
const nextCode = (secret: string) => totpCodeFor(secret, new Date(Date.now() + TOTP_PERIOD_SECONDS * 1000));

describe("the TOTP secret at rest", () => {
  it("is stored encrypted under SECRETS_KEY, and enrolment and sign-in work as before", async () => {
    process.env.SECRETS_KEY = KEY;
    const person = await coordinator();
    const enrolment = await startEnrolment(testDb(), person);
    if (enrolment.status !== "started") throw new Error("enrolment did not start");
    const kept = await stored(person.id);
    expect(kept).toMatch(/^v1\./);
    expect(kept).not.toContain(enrolment.secret);
    // Reloading the page shows the same secret, read back through the key.
    expect(await startEnrolment(testDb(), person)).toMatchObject({ status: "started", secret: enrolment.secret });
    expect((await confirmEnrolment(testDb(), person.person, { code: totpCodeFor(enrolment.secret), ip: "10.1.0.1" })).status).toBe("ok");
    expect((await verifySecondFactor(testDb(), person.person, { code: nextCode(enrolment.secret), ip: "10.1.0.1" })).status).toBe("ok");
  });

  it("is kept as it is where no key is set, as before", async () => {
    delete process.env.SECRETS_KEY;
    const person = await coordinator();
    await enrolWithSecret(testDb(), person.id, SECRET);
    expect(await stored(person.id)).toBe(SECRET);
    expect((await verifySecondFactor(testDb(), person.person, { code: totpCodeFor(SECRET), ip: "10.1.0.2" })).status).toBe("ok");
  });

  it("kept as it was gets encrypted when the server starts with a key, and its codes still work", async () => {
    delete process.env.SECRETS_KEY;
    const person = await coordinator();
    await enrolWithSecret(testDb(), person.id, SECRET);
    process.env.SECRETS_KEY = KEY;
    const { encrypted } = await encryptTotpSecretsAtStartup(testDb());
    expect(encrypted).toBeGreaterThanOrEqual(1);
    expect(await stored(person.id)).toMatch(/^v1\./);
    expect((await testDb().selectFrom("user_totp").select("secret").where("secret", "not like", "v1.%").execute())).toEqual([]);
    // A second start finds nothing left to do.
    expect(await encryptTotpSecretsAtStartup(testDb())).toEqual({ encrypted: 0 });
    expect((await verifySecondFactor(testDb(), person.person, { code: totpCodeFor(SECRET), ip: "10.1.0.3" })).status).toBe("ok");
  });

  it("once encrypted, stops a start without the key or with another key, saying why", async () => {
    process.env.SECRETS_KEY = KEY;
    const person = await coordinator();
    await enrolWithSecret(testDb(), person.id, SECRET);
    await expect(encryptTotpSecretsAtStartup(testDb())).resolves.toEqual({ encrypted: 0 });
    delete process.env.SECRETS_KEY;
    await expect(encryptTotpSecretsAtStartup(testDb())).rejects.toThrow(/SECRETS_KEY saknas.*tvåstegsverifieringens hemligheter/);
    process.env.SECRETS_KEY = OTHER_KEY;
    await expect(encryptTotpSecretsAtStartup(testDb())).rejects.toThrow(/inte den nyckel som tvåstegsverifieringens hemligheter krypterades med/);
  });
});
