// SPDX-License-Identifier: EUPL-1.2
// anonymiseOnRequest: an admin removes one person's personal data now, at /admin/anvandare.
// Only an admin may, never on their own account; a coordinator, who may deactivate their
// coaches, may not erase them.
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/permissions.server";
import { ANONYMISED_NAME, anonymiseOnRequest } from "~/modules/people/retention.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";

function actorOf(user: { id: string; email: string; name: string; role: SessionUser["role"] }, municipalityId: string | null): SessionUser {
  return { ...user, municipalityId, municipalitySlug: null, municipalityName: null, school: null };
}

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id, name: "Bengt Begäran" });
  const admin = await createUser(db, { role: "admin" });
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id });
  const otherCoordinator = await createUser(db, { role: "coordinator", municipalityId: monsteras.id });
  const nameOf = async (id: string) => (await db.selectFrom("user").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;
  return { db, hogsby, monsteras, coach, admin, coordinator, otherCoordinator, nameOf };
}

describe("removing one person's personal data on request", () => {
  it("an admin removes a coach's personal data, once", async () => {
    const { db, coach, admin, nameOf } = await setup();
    expect(await anonymiseOnRequest(db, { actor: actorOf(admin, null), personId: coach.id })).toEqual({ status: "anonymised", name: "Bengt Begäran" });
    expect(await nameOf(coach.id)).toBe(ANONYMISED_NAME);
    expect(await anonymiseOnRequest(db, { actor: actorOf(admin, null), personId: coach.id })).toEqual({ status: "already_anonymised" });
  });

  it("an admin may not remove their own", async () => {
    const { db, admin, nameOf } = await setup();
    expect(await anonymiseOnRequest(db, { actor: actorOf(admin, null), personId: admin.id })).toEqual({ status: "forbidden" });
    expect(await nameOf(admin.id)).toBe(admin.name);
  });

  it("the coach's own coordinator, who may deactivate them, may not remove their personal data", async () => {
    const { db, hogsby, coach, coordinator, nameOf } = await setup();
    expect(await anonymiseOnRequest(db, { actor: actorOf(coordinator, hogsby.id), personId: coach.id })).toEqual({ status: "forbidden" });
    expect(await nameOf(coach.id)).toBe("Bengt Begäran");
  });

  it("for another municipality's coordinator the coach does not exist, nor does an unknown id for an admin", async () => {
    const { db, monsteras, coach, admin, otherCoordinator, nameOf } = await setup();
    expect(await anonymiseOnRequest(db, { actor: actorOf(otherCoordinator, monsteras.id), personId: coach.id })).toEqual({ status: "not_found" });
    expect(await anonymiseOnRequest(db, { actor: actorOf(admin, null), personId: "finns-inte" })).toEqual({ status: "not_found" });
    expect(await nameOf(coach.id)).toBe("Bengt Begäran");
  });
});
