// SPDX-License-Identifier: EUPL-1.2
// A NUL character from a URL or form reaches the store as part of an id or search term.
// PostgreSQL refuses it in text; both stores must answer as for any other unknown value.
import { describe, expect, it } from "vitest";
import { createMunicipality, createUser, testDb } from "../helpers/db";

describe("a NUL character in a bound value", () => {
  it("finds nothing by an id that holds one, instead of failing", async () => {
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    const coach = await createUser(db, { role: "coach", municipalityId: a.id });
    const found = await db.selectFrom("user").select("id").where("id", "=", `${coach.id}\u0000`).executeTakeFirst();
    expect(found).toBeUndefined();
    const inList = await db.selectFrom("user").select("id").where("id", "in", [`x\u0000`, coach.id]).execute();
    expect(inList.map((row) => row.id)).toEqual([coach.id]);
  });

  it("stores a replacement character in its place if a value with one is ever written", async () => {
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    const coach = await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna\u0000Coach" });
    const stored = await db.selectFrom("user").select("name").where("id", "=", coach.id).executeTakeFirstOrThrow();
    expect(stored.name).toBe("Anna\uFFFDCoach");
  });
});
