// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "~/lib/time";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_INACTIVITY_MS,
  validateSessionToken,
} from "~/modules/auth/session.server";
import { getSession } from "~/modules/access/permissions.server";
import { hashSecret } from "~/modules/auth/tokens.server";
import { createUser, testDb } from "../helpers/db";
import { cookieFor, get, post, testContext } from "../helpers/requests";

const t0 = new Date("2026-01-10T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("sessions", () => {
  it("creates a session whose token validates and whose secret is stored only as a SHA-256 hash", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const { token } = await createSession(db, user.id, { now: t0 });
    const [id, secret] = token.split(".");
    const row = await db.selectFrom("session").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(hashSecret(secret!));
    expect(JSON.stringify(row)).not.toContain(secret);
    const valid = await validateSessionToken(db, token, at(1000));
    expect(valid?.user.id).toBe(user.id);
  });

  it("rejects a token with the right id but a wrong secret", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const { token } = await createSession(db, user.id, { now: t0 });
    const [id] = token.split(".");
    expect(await validateSessionToken(db, `${id}.abcdefghijkmnpqrstuvwxyz`, at(1000))).toBeNull();
    expect(await validateSessionToken(db, "garbage", at(1000))).toBeNull();
    expect(await validateSessionToken(db, `${id}.a.b`, at(1000))).toBeNull();
  });

  it("slides the expiry when used, up to the absolute limit", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const { token, expiresAt } = await createSession(db, user.id, { now: t0 });
    expect(expiresAt.getTime()).toBe(t0.getTime() + SESSION_INACTIVITY_MS);

    const used = await validateSessionToken(db, token, at(20 * DAY_MS));
    expect(used?.slid).toBe(true);
    expect(used?.expiresAt.getTime()).toBe(t0.getTime() + 20 * DAY_MS + SESSION_INACTIVITY_MS);

    // Used every 25 days it stays alive, but never past 90 days from sign-in.
    expect(await validateSessionToken(db, token, at(45 * DAY_MS))).not.toBeNull();
    expect(await validateSessionToken(db, token, at(70 * DAY_MS))).not.toBeNull();
    const late = await validateSessionToken(db, token, at(89 * DAY_MS));
    expect(late?.expiresAt.getTime()).toBe(t0.getTime() + SESSION_ABSOLUTE_MS);
    expect(await validateSessionToken(db, token, at(SESSION_ABSOLUTE_MS + 1))).toBeNull();
  });

  it("does not write on every request: the expiry slides at most once an hour", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const { token } = await createSession(db, user.id, { now: t0 });
    const soon = await validateSessionToken(db, token, at(10 * 60_000));
    expect(soon?.slid).toBe(false);
    const later = await validateSessionToken(db, token, at(HOUR_MS + 1));
    expect(later?.slid).toBe(true);
  });

  it("expires after 30 days without use and deletes the row", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const { token } = await createSession(db, user.id, { now: t0 });
    expect(await validateSessionToken(db, token, at(SESSION_INACTIVITY_MS + 1))).toBeNull();
    expect(await db.selectFrom("session").select("id").execute()).toHaveLength(0);
  });

  it("invalidates one session, or all of a user's sessions but the one kept", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "admin" });
    const a = await createSession(db, user.id, { now: t0 });
    const b = await createSession(db, user.id, { now: t0 });
    const c = await createSession(db, user.id, { now: t0 });
    await invalidateSession(db, a.token.split(".")[0]!);
    expect(await validateSessionToken(db, a.token, at(1))).toBeNull();
    expect(await invalidateUserSessions(db, user.id, b.token.split(".")[0]!)).toBe(1);
    expect(await validateSessionToken(db, b.token, at(1))).not.toBeNull();
    expect(await validateSessionToken(db, c.token, at(1))).toBeNull();
  });

  it("ends the sessions of a deactivated person", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const { token } = await createSession(db, user.id, { now: t0 });
    await db.updateTable("user").set({ deactivated_at: at(1).toISOString() }).where("id", "=", user.id).execute();
    expect(await validateSessionToken(db, token, at(2))).toBeNull();
  });
});

describe("one request's session", () => {
  it("is looked up once however many loaders ask, and afresh in the next request", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const cookie = await cookieFor(user.id);
    const context = testContext();
    const first = getSession({ request: get("/", cookie), context });
    // Remix hands each loader its own copy of the request; the context is the same.
    expect(getSession({ request: get("/", cookie), context })).toBe(first);
    expect((await first)?.user.id).toBe(user.id);
    expect(getSession({ request: get("/", cookie), context: testContext() })).not.toBe(first);
  });

  it("is looked up afresh by an action, and the loaders after it see what the action changed", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const cookie = await cookieFor(user.id);
    const context = testContext();
    expect((await getSession({ request: get("/konto", cookie), context }))?.user.id).toBe(user.id);
    await invalidateUserSessions(db, user.id);
    // The action's own lookup already sees the ended session, and drops the one kept.
    expect(await getSession({ request: post("/konto", {}, cookie), context })).toBeNull();
    expect(await getSession({ request: get("/konto", cookie), context })).toBeNull();
  });
});
