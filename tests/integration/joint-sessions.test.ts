// SPDX-License-Identifier: EUPL-1.2
// Joint course days need the partner's consent (docs/decisions/017-joint-course-days-need-consent.md).
// A coordinator who names a neighbouring municipality on a day asks it: the partner's coordinators
// get an email, and until one of them accepts, the partner's coaches neither see nor book the day
// and the partner sees nobody on it. Accepted, the day is joint; declined, it stays the owner's
// alone and the owner is told. Everything here goes through the app's routes and module functions.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { DAY_MS } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import { signUp } from "~/modules/course-days/booking.server";
import { sessionWhen } from "~/modules/course-days/emails.server";
import { inPersonFigures } from "~/modules/course-days/figures.server";
import { seedDemoSessions } from "~/modules/course-days/seed.server";
import { answerPartnership, findTrainingSession, sessionFormValues } from "~/modules/course-days/course-days.server";
import { deactivatePerson } from "~/modules/people/people.server";
import { action as sessionAction, loader as sessionLoader } from "~/routes/samordnare.traffar.$id";
import { action as createAction, loader as listLoader } from "~/routes/samordnare.traffar._index";
import { action as coachAction, loader as coachLoader } from "~/routes/traffar.$id";
import { loader as coachListLoader } from "~/routes/traffar._index";
import { loader as icsLoader } from "~/routes/traffar.$id_.kalender[.ics]";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { BOOSTER, blendedContent, DAY_1 } from "../helpers/blended-content";

// The fixture content with the session steps of a blended track added to "grund".
let contentDir: string;
beforeAll(() => {
  contentDir = blendedContent([DAY_1, BOOSTER], { prefix: "gemensamma-traffar" });
  process.env.CONTENT_DIR = contentDir;
});
afterAll(() => {
  fs.rmSync(contentDir, { recursive: true, force: true });
});

/** A Stockholm calendar day this many days from now, as the form takes it. */
function dayFromNow(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * DAY_MS));
}

type Person = Awaited<ReturnType<typeof createUser>>;
const asActor = (user: Person): SessionUser => ({ ...user, municipalitySlug: null, municipalityName: null, school: null });

/** Högsby asks; Mönsterås (two coordinators, one more who has left) is asked; Oskarshamn is a bystander. */
async function setting() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const oskarshamn = await createMunicipality(db, "oskarshamn", "Oskarshamns kommun");
  const sara = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare", email: "sara@hogsby.example" });
  const mats = await createUser(db, { role: "coordinator", municipalityId: monsteras.id, name: "Mats Samordnare", email: "mats@monsteras.example" });
  const mia = await createUser(db, { role: "coordinator", municipalityId: monsteras.id, name: "Mia Samordnare", email: "mia@monsteras.example" });
  const gone = await createUser(db, { role: "coordinator", municipalityId: monsteras.id, name: "Gustav Gått", email: "gustav@monsteras.example" });
  await deactivatePerson(db, { personId: gone.id, actorId: mats.id });
  const olle = await createUser(db, { role: "coordinator", municipalityId: oskarshamn.id, name: "Olle Samordnare", email: "olle@oskarshamn.example" });
  const hogsbyCoach = await createUser(db, { role: "coach", municipalityId: hogsby.id, name: "Hanna Holm", email: "hanna@hogsby.example" });
  const monsterasCoach = await createUser(db, { role: "coach", municipalityId: monsteras.id, name: "Maja Coach", email: "maja@monsteras.example" });
  const oskarshamnCoach = await createUser(db, { role: "coach", municipalityId: oskarshamn.id, name: "Otto Coach", email: "otto@oskarshamn.example" });
  const admin = await createUser(db, { role: "admin", name: "Alva Admin" });
  const cookies = {
    sara: await cookieFor(sara.id),
    mats: await cookieFor(mats.id),
    mia: await cookieFor(mia.id),
    olle: await cookieFor(olle.id),
    hogsbyCoach: await cookieFor(hogsbyCoach.id),
    monsterasCoach: await cookieFor(monsterasCoach.id),
    oskarshamnCoach: await cookieFor(oskarshamnCoach.id),
    admin: await cookieFor(admin.id),
  };
  return { db, hogsby, monsteras, oskarshamn, sara, mats, mia, gone, olle, hogsbyCoach, monsterasCoach, oskarshamnCoach, cookies };
}
type Setting = Awaited<ReturnType<typeof setting>>;

const PLACE = "Fågelfors bygdegård, stora salen";

/** Sara puts up a course day on the coordinator's page, naming Mönsterås (or no one). Returns the day's id and the redirect. */
async function putUpDay(s: Setting, partner: string | null = s.monsteras.id): Promise<{ id: string; location: string }> {
  const form = { step: "grund/dag-1", date: dayFromNow(30), start: "09:00", end: "16:00", place: PLACE, capacity: "10", deadline: dayFromNow(25), partner: partner ?? "" };
  const result = await call(createAction, post("/samordnare/traffar", form, s.cookies.sara));
  expect(result.status).toBe(302);
  const location = result.headers.get("Location")!;
  return { id: /\/samordnare\/traffar\/([^?]+)/.exec(location)![1]!, location };
}

const answer = (s: Setting, id: string, intent: string, cookie: string) => call(sessionAction, post(`/samordnare/traffar/${id}`, { intent }, cookie), { id });
const outbox = (to: string) => testDb().selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", to).orderBy("created_at").orderBy("id").execute();
/** The session's partnership events as "action actor", sorted (two can share a millisecond). */
const auditActions = async (sessionId: string) =>
  (
    await testDb()
      .selectFrom("audit_event")
      .select(["action", "actor_id"])
      .where("action", "like", "session.partner%")
      .where("details", "like", `%${sessionId}%`)
      .execute()
  )
    .map((e) => `${e.action} ${e.actor_id}`)
    .sort();
const coachListIds = async (cookie: string) => {
  const list = await call(coachListLoader, get("/traffar", cookie));
  return [...list.data.mine, ...list.data.others].map((x: { id: string }) => x.id);
};

describe("naming a partner asks it", () => {
  it("emails every active coordinator of the partner who asks, which day, where, and the link to answer", async () => {
    const s = await setting();
    const { id, location } = await putUpDay(s);
    expect(location).toBe(`/samordnare/traffar/${id}?notis=skapad-forfragan`);
    const session = (await findTrainingSession(s.db, id))!;
    expect(session.partnerRequest).toMatchObject({ municipalityId: s.monsteras.id, municipalityName: "Mönsterås kommun", status: "pending", answeredAt: null });
    expect(session.partnerMunicipalityId).toBeNull();

    for (const coordinator of [s.mats, s.mia]) {
      const mails = await outbox(coordinator.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe("Förfrågan om gemensam träff från Högsby kommun: Utbildningsdag 1");
      expect(mails[0]!.body_text).toContain(`Hej ${coordinator.name}!`);
      expect(mails[0]!.body_text).toContain("Sara Samordnare i Högsby kommun frågar om Mönsterås kommun vill hålla Utbildningsdag 1 tillsammans med dem.");
      expect(mails[0]!.body_text).toContain(`När: ${sessionWhen(session)}`);
      expect(mails[0]!.body_text).toContain(`Var: ${PLACE}`);
      expect(mails[0]!.body_text).toContain(`http://localhost:3000/samordnare/traffar/${id}`);
    }
    // Nobody else: not a coordinator who has left, not the one asking, not a bystander.
    for (const person of [s.gone, s.sara, s.olle]) expect(await outbox(person.email)).toEqual([]);
    expect(await auditActions(id)).toEqual([`session.partner_requested ${s.sara.id}`]);
  });

  it("hides the day from the partner's coaches until it is accepted: not listed, its page and calendar file 404, booking refused", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    expect(await coachListIds(s.cookies.monsterasCoach)).not.toContain(id);
    expect((await call(coachLoader, get(`/traffar/${id}`, s.cookies.monsterasCoach), { id })).status).toBe(404);
    expect((await call(icsLoader, get(`/traffar/${id}/kalender.ics`, s.cookies.monsterasCoach), { id })).status).toBe(404);
    const viaPage = await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.monsterasCoach), { id });
    expect(viaPage.status).toBe(404);
    expect(viaPage.data).toEqual({ message: "Träffen finns inte." });
    // The booking itself asks again, under the session's lock.
    expect(await signUp(s.db, { sessionId: id, coach: s.monsterasCoach, content: getContent() })).toEqual({ outcome: "refused", message: "Träffen finns inte." });
    expect(await s.db.selectFrom("session_booking").select("id").where("session_id", "=", id).execute()).toEqual([]);
    // Nor does it count among the partner's upcoming days.
    expect((await inPersonFigures(s.db, s.monsteras.id, { content: getContent(), now: new Date() })).upcoming).toBe(0);

    // The owner's coaches book as usual.
    expect(await coachListIds(s.cookies.hogsbyCoach)).toContain(id);
    expect((await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.hogsbyCoach), { id })).data).toMatchObject({ errors: null });
  });

  it("shows the partner's coordinator the request under its own heading and on the day's page, without its participants, and nothing else can be done with it", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.hogsbyCoach), { id });

    const list = await call(listLoader, get("/samordnare/traffar", s.cookies.mats));
    expect(list.data.requests.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(list.data.requests[0]).toMatchObject({ partnership: "Förfrågan från Högsby kommun", capacity: 10, taken: null });
    expect(list.data.upcoming).toEqual([]);

    const page = await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.mats), { id });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ manages: false, answerable: true, editable: false, attendanceOpen: false, booked: [], waitlisted: [] });
    expect(page.data.partnership).toEqual({ status: "pending", owner: "Högsby kommun", partner: "Mönsterås kommun" });
    expect(JSON.stringify(page.data)).not.toContain(s.hogsbyCoach.name);

    for (const intent of ["update", "cancel", "attendance"]) {
      const result = await call(sessionAction, post(`/samordnare/traffar/${id}`, { ...sessionFormValues((await findTrainingSession(s.db, id))!), intent, reason: "" }, s.cookies.mats), { id });
      expect(result.status, intent).toBe(403);
      expect(result.data.errors.form).toBe("Träffen blir gemensam först när du har godkänt förfrågan. Till dess kan du bara godkänna eller avböja den.");
    }
    expect((await findTrainingSession(s.db, id))!.cancelledAt).toBeNull();

    // The owner sees that the answer is awaited.
    const own = await call(listLoader, get("/samordnare/traffar", s.cookies.sara));
    expect(own.data.upcoming[0]).toMatchObject({ id, partnership: "Väntar på svar från Mönsterås kommun" });
    expect(own.data.requests).toEqual([]);
    const ownPage = await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.sara), { id });
    expect(ownPage.data).toMatchObject({ manages: true, organisers: "Högsby kommun", partnership: { status: "pending", partner: "Mönsterås kommun" } });
  });
});

describe("the partner's answer", () => {
  it("accepted, makes the day joint: the partner's coaches see and book it, both coordinators manage it, and the owner is told", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    const accepted = await answer(s, id, "accept", s.cookies.mats);
    expect(accepted.status).toBe(200);
    expect(accepted.data).toEqual({ intent: "answer", errors: null, notice: "Du har godkänt förfrågan. Träffen är gemensam: era coacher ser den och kan anmäla sig." });

    expect(await coachListIds(s.cookies.monsterasCoach)).toContain(id);
    const coachPage = await call(coachLoader, get(`/traffar/${id}`, s.cookies.monsterasCoach), { id });
    expect(coachPage.data.organisers).toBe("Högsby kommun och Mönsterås kommun");
    const booked = await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.monsterasCoach), { id });
    expect(booked.data.notice).toMatch(/^Du har en plats\./);
    expect((await call(icsLoader, get(`/traffar/${id}/kalender.ics`, s.cookies.monsterasCoach), { id })).status).toBe(200);
    expect((await inPersonFigures(s.db, s.monsteras.id, { content: getContent(), now: new Date() })).upcoming).toBe(1);

    const partnerPage = await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.mats), { id });
    expect(partnerPage.data).toMatchObject({ manages: true, editable: true, booked: [expect.objectContaining({ name: "Maja Coach" })] });
    const partnerList = await call(listLoader, get("/samordnare/traffar", s.cookies.mats));
    expect(partnerList.data.requests).toEqual([]);
    expect(partnerList.data.upcoming[0]).toMatchObject({ id, partnership: "Gemensam med Högsby kommun" });
    const ownerList = await call(listLoader, get("/samordnare/traffar", s.cookies.sara));
    expect(ownerList.data.upcoming[0]).toMatchObject({ id, partnership: "Gemensam med Mönsterås kommun" });

    const [told] = await outbox(s.sara.email);
    expect(told!.subject).toBe("Mönsterås kommun har godkänt en gemensam träff: Utbildningsdag 1");
    expect(told!.body_text).toContain("Mats Samordnare i Mönsterås kommun har godkänt förfrågan");
    expect(await auditActions(id)).toEqual([`session.partner_accepted ${s.mats.id}`, `session.partner_requested ${s.sara.id}`]);
  });

  it("declined, keeps the day the owner's alone, hidden from the partner's coaches and people, and emails the owner", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.hogsbyCoach), { id });
    const declined = await answer(s, id, "decline", s.cookies.mats);
    expect(declined.status).toBe(200);
    expect(declined.data.notice).toBe("Du har avböjt förfrågan. Högsby kommun har fått ett meddelande, och era coacher ser inte träffen.");
    expect((await findTrainingSession(s.db, id))!.partnerRequest).toMatchObject({ status: "declined", answeredAt: expect.any(String) });

    expect(await coachListIds(s.cookies.monsterasCoach)).not.toContain(id);
    expect((await call(coachLoader, get(`/traffar/${id}`, s.cookies.monsterasCoach), { id })).status).toBe(404);
    expect((await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.monsterasCoach), { id })).status).toBe(404);

    // The partner's coordinator keeps the answer they gave, and still sees nobody on the day.
    const partnerPage = await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.mats), { id });
    expect(partnerPage.data).toMatchObject({ manages: false, answerable: false, booked: [], partnership: { status: "declined" } });
    expect(JSON.stringify(partnerPage.data)).not.toContain(s.hogsbyCoach.name);
    const partnerList = await call(listLoader, get("/samordnare/traffar", s.cookies.mats));
    expect([...partnerList.data.requests, ...partnerList.data.upcoming]).toEqual([]);

    const ownerList = await call(listLoader, get("/samordnare/traffar", s.cookies.sara));
    expect(ownerList.data.upcoming[0]).toMatchObject({ id, partnership: "Mönsterås kommun har avböjt" });
    const [told] = await outbox(s.sara.email);
    expect(told!.subject).toBe("Mönsterås kommun har avböjt en gemensam träff: Utbildningsdag 1");
    expect(told!.body_text).toContain("Mats Samordnare i Mönsterås kommun har avböjt förfrågan");
    expect(told!.body_text).toContain(`http://localhost:3000/samordnare/traffar/${id}`);
    expect(await auditActions(id)).toEqual([`session.partner_declined ${s.mats.id}`, `session.partner_requested ${s.sara.id}`]);
    // The owner's coaches keep their places.
    expect(await coachListIds(s.cookies.hogsbyCoach)).toContain(id);
  });

  it("is given only by the partner's coordinators: the owner, a coach and an admin get 403, another municipality 404, and nothing changes", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    const owner = await answer(s, id, "accept", s.cookies.sara);
    expect(owner.status).toBe(403);
    expect(owner.data.errors.form).toBe("Bara samordnarna i Mönsterås kommun kan svara på förfrågan.");
    expect((await answer(s, id, "accept", s.cookies.monsterasCoach)).status).toBe(403);
    expect((await answer(s, id, "accept", s.cookies.admin)).status).toBe(403);
    const bystander = await answer(s, id, "accept", s.cookies.olle);
    expect(bystander.status).toBe(404);
    expect(bystander.data).toEqual({ message: "Träffen finns inte." });
    expect((await answer(s, "finns-inte", "accept", s.cookies.mats)).status).toBe(404);
    // A day of one municipality asks nobody anything.
    const { id: alone } = await putUpDay(s, null);
    expect((await answer(s, alone, "accept", s.cookies.mats)).status).toBe(404);
    expect((await answer(s, alone, "accept", s.cookies.sara)).data.errors.form).toBe("Träffen har ingen förfrågan om en gemensam träff att svara på.");

    expect((await findTrainingSession(s.db, id))!.partnerRequest!.status).toBe("pending");
    expect(await auditActions(id)).toEqual([`session.partner_requested ${s.sara.id}`]);
  });

  it("is given once: a second answer, by the same coordinator or a colleague, or both at once, is refused with a message", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    expect((await answer(s, id, "accept", s.cookies.mats)).status).toBe(200);
    const again = await answer(s, id, "accept", s.cookies.mats);
    expect(again.status).toBe(409);
    expect(again.data.errors.form).toBe("Förfrågan är redan besvarad. Den är godkänd: träffen är gemensam.");
    expect((await answer(s, id, "decline", s.cookies.mia)).status).toBe(409);
    expect((await findTrainingSession(s.db, id))!.partnerRequest!.status).toBe("accepted");

    const { id: second } = await putUpDay(s);
    expect((await answer(s, second, "decline", s.cookies.mats)).status).toBe(200);
    const change = await answer(s, second, "accept", s.cookies.mia);
    expect(change.status).toBe(409);
    expect(change.data.errors.form).toBe("Förfrågan är redan besvarad. Den är avböjd.");

    const { id: third } = await putUpDay(s);
    const both = await Promise.all([
      answerPartnership(s.db, { actor: asActor(s.mats), sessionId: third, answer: "accept", content: getContent() }),
      answerPartnership(s.db, { actor: asActor(s.mia), sessionId: third, answer: "decline", content: getContent() }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["already_answered", "answered"]);
    expect(await outbox(s.sara.email)).toHaveLength(3);
  });

  it("is no longer asked for once the day is cancelled", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    expect((await call(sessionAction, post(`/samordnare/traffar/${id}`, { intent: "cancel", reason: "" }, s.cookies.sara), { id })).status).toBe(200);
    const late = await answer(s, id, "accept", s.cookies.mats);
    expect(late.status).toBe(409);
    expect(late.data.errors.form).toBe("Träffen är inställd, så det finns ingen förfrågan att svara på.");
    expect((await call(listLoader, get("/samordnare/traffar", s.cookies.mats))).data.requests).toEqual([]);
  });
});

describe("changing the partner", () => {
  const update = async (s: Setting, id: string, partner: string) => {
    const values = sessionFormValues((await findTrainingSession(s.db, id))!);
    return call(sessionAction, post(`/samordnare/traffar/${id}`, { ...values, partner, intent: "update" }, s.cookies.sara), { id });
  };

  it("asks the new partner afresh, and the one before loses the day", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    await answer(s, id, "accept", s.cookies.mats);
    const changed = await update(s, id, s.oskarshamn.id);
    expect(changed.status).toBe(200);
    expect((await findTrainingSession(s.db, id))!.partnerRequest).toMatchObject({ municipalityId: s.oskarshamn.id, status: "pending", answeredAt: null });
    expect((await outbox(s.olle.email)).map((m) => m.subject)).toEqual(["Förfrågan om gemensam träff från Högsby kommun: Utbildningsdag 1"]);
    expect((await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.mats), { id })).status).toBe(404);
    expect((await call(coachLoader, get(`/traffar/${id}`, s.cookies.monsterasCoach), { id })).status).toBe(404);
    expect((await call(coachLoader, get(`/traffar/${id}`, s.cookies.oskarshamnCoach), { id })).status).toBe(404);
    expect((await call(sessionLoader, get(`/samordnare/traffar/${id}`, s.cookies.olle), { id })).data).toMatchObject({ manages: false, answerable: true });

    // Saving the form again with the same partner asks nobody twice.
    expect((await update(s, id, s.oskarshamn.id)).status).toBe(200);
    expect(await outbox(s.olle.email)).toHaveLength(1);
    // Asking the one who declined again: no partner, then that partner, is a new request.
    await answer(s, id, "decline", s.cookies.olle);
    await update(s, id, "");
    expect((await findTrainingSession(s.db, id))!.partnerRequest).toBeNull();
    await update(s, id, s.oskarshamn.id);
    expect((await findTrainingSession(s.db, id))!.partnerRequest!.status).toBe("pending");
  });

  it("is refused while the partner's people hold places, so nobody is left booked on a day they cannot see", async () => {
    const s = await setting();
    const { id } = await putUpDay(s);
    await answer(s, id, "accept", s.cookies.mats);
    await call(coachAction, post(`/traffar/${id}`, { intent: "signup" }, s.cookies.monsterasCoach), { id });
    const refused = await update(s, id, "");
    expect(refused.status).toBe(400);
    expect(refused.data.errors.partner).toBe("1 person från Mönsterås kommun har en plats eller står på väntelistan. Träffen kan inte byta kommun så länge de är anmälda.");
    expect((await findTrainingSession(s.db, id))!.partnerMunicipalityId).toBe(s.monsteras.id);
    // Once they have given the place back, it can.
    await call(coachAction, post(`/traffar/${id}`, { intent: "cancel" }, s.cookies.monsterasCoach), { id });
    expect((await update(s, id, "")).status).toBe(200);
  });
});

describe("the demo", () => {
  it("makes its joint booster the way the app does: put up by Högsby, asked of Mönsterås and accepted there", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
    const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
    const sara = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
    const mats = await createUser(db, { role: "coordinator", municipalityId: monsteras.id, name: "Mats Samordnare" });
    await seedDemoSessions(db, getContent());
    const joint = await db.selectFrom("training_session").select(["id", "created_by", "partner_status", "partner_answered_by"]).where("partner_municipality_id", "=", monsteras.id).execute();
    expect(joint).toEqual([{ id: expect.any(String), created_by: sara.id, partner_status: "accepted", partner_answered_by: mats.id }]);
    expect(await auditActions(joint[0]!.id)).toEqual([`session.partner_accepted ${mats.id}`, `session.partner_requested ${sara.id}`]);
    // Running it again changes nothing.
    await seedDemoSessions(db, getContent());
    expect(await db.selectFrom("training_session").select("id").where("partner_municipality_id", "=", monsteras.id).execute()).toHaveLength(1);
  });
});
