// SPDX-License-Identifier: EUPL-1.2
// inviteMany: the coordinator's invitation form, from the pasted text to the invitations made.
import { describe, expect, it } from "vitest";
import { inviteMany } from "~/modules/auth/invitation.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";

async function coordinator() {
  const db = testDb();
  const municipality = await createMunicipality(db, "hogsby", "Högsby kommun");
  const user = await createUser(db, { role: "coordinator", municipalityId: municipality.id, name: "Sara Samordnare" });
  return { db, municipality, invitedBy: { id: user.id, name: user.name } };
}

async function invitedAddresses(): Promise<string[]> {
  return (await testDb().selectFrom("invitation").select("email").orderBy("email").execute()).map((row) => row.email);
}

describe("inviting a pasted list of people", () => {
  it("reads a list as mail programs copy it and invites each address once", async () => {
    const { db, municipality, invitedBy } = await coordinator();
    const result = await inviteMany(db, {
      addresses: '"Holm, Hanna" <Hanna@Exempel.se>; bertil@exempel.se\nCecilia Ceder <cecilia@exempel.se>, hanna@exempel.se',
      role: "coach",
      municipalityId: municipality.id,
      invitedBy,
    });
    expect(result).toEqual({
      status: "done",
      outcomes: [
        { email: "hanna@exempel.se", status: "invited" },
        { email: "bertil@exempel.se", status: "invited" },
        { email: "cecilia@exempel.se", status: "invited" },
      ],
    });
    expect(await invitedAddresses()).toEqual(["bertil@exempel.se", "cecilia@exempel.se", "hanna@exempel.se"]);
  });

  it("invites nobody from a list with a malformed address, and names each one as typed", async () => {
    const { db, municipality, invitedBy } = await coordinator();
    const result = await inviteMany(db, { addresses: "ok@exempel.se\ninte en adress\nNamn <trasig@>", role: "coach", municipalityId: municipality.id, invitedBy });
    expect(result).toEqual({
      status: "invalid",
      outcomes: [
        { email: "inte en adress", status: "invalid" },
        { email: "Namn <trasig@>", status: "invalid" },
      ],
    });
    expect(await invitedAddresses()).toEqual([]);
  });

  it("answers an empty list, separators only, without inviting anyone", async () => {
    const { db, municipality, invitedBy } = await coordinator();
    expect(await inviteMany(db, { addresses: " ,;\n\n ; ", role: "coach", municipalityId: municipality.id, invitedBy })).toEqual({ status: "empty" });
    expect(await invitedAddresses()).toEqual([]);
  });

  it("invites at most 200 people at a time; 201 different addresses invite nobody", async () => {
    const { db, municipality, invitedBy } = await coordinator();
    const list = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@exempel.se`).join("\n");
    expect(await inviteMany(db, { addresses: list(201), role: "coach", municipalityId: municipality.id, invitedBy })).toEqual({ status: "too_many", count: 201, limit: 200 });
    expect(await invitedAddresses()).toEqual([]);
    // The same address 300 times is one person.
    const repeated = Array.from({ length: 300 }, () => "samma@exempel.se").join(", ");
    expect(await inviteMany(db, { addresses: repeated, role: "coach", municipalityId: municipality.id, invitedBy })).toEqual({
      status: "done",
      outcomes: [{ email: "samma@exempel.se", status: "invited" }],
    });
  });

  it("skips people who already have an account or an invitation, and invites the rest", async () => {
    const { db, municipality, invitedBy } = await coordinator();
    await createUser(db, { role: "coach", municipalityId: municipality.id, email: "finns@exempel.se" });
    await inviteMany(db, { addresses: "inbjuden@exempel.se", role: "coach", municipalityId: municipality.id, invitedBy });
    const result = await inviteMany(db, { addresses: "finns@exempel.se, inbjuden@exempel.se, ny@exempel.se", role: "coach", municipalityId: municipality.id, invitedBy });
    expect(result).toEqual({
      status: "done",
      outcomes: [
        { email: "finns@exempel.se", status: "already_member" },
        { email: "inbjuden@exempel.se", status: "pending" },
        { email: "ny@exempel.se", status: "invited" },
      ],
    });
  });
});
