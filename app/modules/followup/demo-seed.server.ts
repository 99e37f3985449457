// SPDX-License-Identifier: EUPL-1.2
// The demo's medborgarlöfte (issue #14): the real, signed 2024–2025 promise of Högsby and
// Mönsterås, followed up with made-up activities, statuses, the police's commentary and two
// reports per municipality published inside the period, so the demo's public page shows a promise
// kept ("2 av 2"). Everything goes through the functions the pages call, with `now` set to a day
// inside the period, so the demo holds only what the app itself could have produced. Public
// pages label it as example data (instance_setting 'demo_data').
import type { Kysely } from "kysely";
import { getContent, type ContentIndex } from "~/content/content.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { findGuide } from "~/modules/guides/guides.server";
import { recordActivity, savePoliceCommentary, setCommitmentStatus } from "~/modules/promises/commitment-followup.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { getPromise } from "~/modules/promises/promises.server";
import type { CommitmentStatus, Database } from "~db/schema";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { newId } from "~db/ids.server";
import { publishReport } from "./reports.server";

export const DEMO_EMAILS = {
  admin: "admin@demo.coachportalen.se",
  coordinators: { hogsby: "samordnare.hogsby@demo.coachportalen.se", monsteras: "samordnare.monsteras@demo.coachportalen.se" },
  police: "polis@demo.coachportalen.se",
} as const;

async function actor(db: Kysely<Database>, email: string): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom("user as u")
    .leftJoin("municipality as m", "m.id", "u.municipality_id")
    .select(["u.id", "u.email", "u.name", "u.role", "u.municipality_id", "m.slug", "m.name as municipality_name", "u.school"])
    .where("u.email", "=", email)
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, name: row.name, role: row.role, municipalityId: row.municipality_id, municipalitySlug: row.slug, municipalityName: row.municipality_name, school: row.school }
    : undefined;
}

/** Noon in Stockholm on a day: the moment an example was "recorded". */
const on = (day: string) => new Date(`${day}T11:00:00Z`);

type Side = "kommunen" | "polisen";
interface ExampleActivity {
  happenedOn: string;
  title: string;
  description: string;
  /** [focus area, commitment] positions in the signed text, counted from 0. */
  at: [number, number];
  by: Side;
  participants?: number;
  place?: string;
}
interface ExampleStatus {
  at: [number, number];
  by: Side;
  status: CommitmentStatus;
  note: string;
  day: string;
}

// Before the first report.
const FIRST_YEAR: { activities: ExampleActivity[]; statuses: ExampleStatus[] } = {
  activities: [
    { at: [0, 1], by: "kommunen", happenedOn: "2024-04-17", title: "Medborgardialog i centrala Högsby", description: "Kväll om trygghet i centrum med kommunen och polisen. Belysning och ungdomars kvällar togs upp mest.", participants: 14, place: "Högsby bibliotek" },
    { at: [0, 0], by: "polisen", happenedOn: "2024-09-12", title: "Grannsamverkan startad på Solbacken", description: "Utbildning för uppstart av grannsamverkan, 22 hushåll är med.", participants: 22, place: "Solbacken, Mönsterås" },
    { at: [3, 0], by: "polisen", happenedOn: "2024-11-05", title: "Informationsträff om bedrägerier på PRO Mönsterås", description: "Om telefonbedrägerier och falska bankpersonal: hur de går till och hur man skyddar sig.", participants: 28, place: "PRO Mönsterås" },
    { at: [1, 0], by: "polisen", happenedOn: "2024-10-02", title: "Samtal med skolornas elevhälsa om narkotika", description: "Polisen och elevhälsan gick igenom tecken på att unga har börjat använda narkotika.", participants: 3 },
  ],
  statuses: [
    { at: [0, 1], by: "kommunen", status: "in_progress", note: "Dialogen i Högsby är genomförd, Mönsterås planeras till hösten 2025.", day: "2024-04-18" },
    { at: [1, 1], by: "kommunen", status: "in_progress", note: "Utbildningen av ANDTS-coacher har börjat i Coachportalen.", day: "2024-05-02" },
    { at: [1, 0], by: "polisen", status: "in_progress", note: "Fokus på skolornas närhet och helgkvällar.", day: "2024-10-03" },
    { at: [0, 0], by: "polisen", status: "in_progress", note: "Grannsamverkan har startat på Solbacken; fler områden följer.", day: "2024-09-13" },
    { at: [3, 0], by: "polisen", status: "in_progress", note: "Informationsträffar hålls på träffpunkter för äldre.", day: "2024-11-06" },
  ],
};

// Between the first and the second report.
const SECOND_YEAR: { activities: ExampleActivity[]; statuses: ExampleStatus[] } = {
  activities: [
    { at: [0, 2], by: "kommunen", happenedOn: "2025-03-20", title: "Åtgärdsplan för ökad trygghet antagen", description: "Kommunstyrelserna antog planen, som bygger på trygghetsmätningen och dialogerna." },
    { at: [1, 1], by: "kommunen", happenedOn: "2025-01-14", title: "Två utbildningsdagar på plats", description: "Utbildningsdagar för ANDTS-coacher som har läst kursen i Coachportalen, med fritidsledare, skolsköterskor och ideella från båda kommunerna.", participants: 12, place: "Kommunhuset, Mönsterås" },
    { at: [2, 0], by: "kommunen", happenedOn: "2025-05-14", title: "Kartläggning av skadegörelse i centrum", description: "Fastighetsägare och fritidsgårdar fick peka ut platser med skadegörelse; en analys av orsakerna pågår." },
    { at: [0, 1], by: "polisen", happenedOn: "2025-09-24", title: "Medborgardialog i centrala Mönsterås", description: "Kväll om trygghet på torget, med fokus på kvinnors upplevda trygghet.", participants: 19, place: "Mönsterås torg" },
  ],
  statuses: [
    { at: [0, 2], by: "kommunen", status: "done", note: "Åtgärdsplanen är antagen.", day: "2025-03-21" },
    { at: [0, 1], by: "kommunen", status: "done", note: "En dialog i varje centralort är genomförd.", day: "2025-09-25" },
    { at: [2, 0], by: "kommunen", status: "in_progress", note: "Kartläggningen är klar, åtgärderna tas fram.", day: "2025-05-15" },
  ],
};

// The promise commits to train in grannsamverkan and to inform about fraud: those commitments point
// citizens to the public guides (content/guider/). [focus area, commitment] as above.
const GUIDES: Array<{ at: [number, number]; guide: string }> = [
  { at: [0, 0], guide: "grannsamverkan" },
  { at: [3, 0], guide: "bedragerier" },
];

const POLICE_COMMENTARY = `Det här är en exempelkommentar i demoversionen av Coachportalen.

Polisen har under perioden prioriterat narkotika bland unga och arbetat med grannsamverkan och information om bedrägerier tillsammans med kommunerna.`;

const REPORTS = [
  { title: "Uppföljning 1 2024 (exempel)", period: { from: "2024-01-01", to: "2024-11-30" }, day: "2024-12-10" },
  { title: "Uppföljning 2 2025 (exempel)", period: { from: "2024-01-01", to: "2025-10-31" }, day: "2025-11-20" },
];

const REPORT_COMMENTARY = `Det här är en exempelrapport i demoversionen av Coachportalen. Aktiviteterna och siffrorna är påhittade för att visa hur sidan fungerar.

Kommunen har börjat utbilda **ANDTS-coacher** i Coachportalen och följer upp varje åtagande i medborgarlöftet tillsammans med polisen.`;

/**
 * The signed promise, the demo police partner attached to it, the example follow-up and, with
 * the compiled content, the reports. Running it twice changes nothing: the promise is looked up
 * by its title, and the follow-up is added only to a promise that has none.
 */
export async function seedDemoPromise(db: Kysely<Database>, options: { content?: ContentIndex; municipalityIds: Map<string, string> }): Promise<void> {
  await markDemoData(db);
  const [admin, hogsby, monsteras, police] = await Promise.all([
    actor(db, DEMO_EMAILS.admin),
    actor(db, DEMO_EMAILS.coordinators.hogsby),
    actor(db, DEMO_EMAILS.coordinators.monsteras),
    actor(db, DEMO_EMAILS.police),
  ]);
  if (!admin || !hogsby || !monsteras || !police) return;
  const members = SIGNED.municipalities.map((slug) => options.municipalityIds.get(slug)).filter((id): id is string => id !== undefined);

  const existing = await db
    .selectFrom("promise as p")
    .innerJoin("promise_municipality as pm", "pm.promise_id", "p.id")
    .select("p.id")
    .where("p.title", "=", SIGNED.title)
    .where("p.state", "=", "published")
    .where("pm.municipality_id", "=", hogsby.municipalityId!)
    .executeTakeFirst();
  let promiseId = existing?.id;
  if (!promiseId) {
    const guideContent = options.content ?? getContent();
    const published = await publishFrozenPromise(db, {
      actor: hogsby,
      promise: SIGNED,
      municipalityIds: members,
      // Content without these guides (a test's own) gets the promise without the links.
      guides: GUIDES.filter((g) => findGuide(guideContent, g.guide)),
      content: guideContent,
      now: on("2023-12-20"),
    });
    if (!published.ok) throw new Error(`the demo promise could not be published: ${JSON.stringify(published.errors)}`);
    promiseId = published.id;
  }
  const attached = await attachPartner(db, { actor: admin, promiseId, userId: police.id, now: on("2024-01-08") });
  if (!attached.ok) throw new Error(`the demo police partner could not be attached: ${JSON.stringify(attached.errors)}`);

  const promise = (await getPromise(db, promiseId))!;
  const followedUp = promise.focusAreas.some((a) => a.commitments.some((c) => c.activities.length > 0 || c.status));
  if (!followedUp) {
    const commitmentAt = ([area, position]: [number, number]) => promise.focusAreas[area]!.commitments[position]!.id;
    const sideActor = (side: Side) => (side === "polisen" ? police : hogsby);
    const record = async (part: typeof FIRST_YEAR) => {
      for (const a of part.activities) {
        const form = { happenedOn: a.happenedOn, title: a.title, description: a.description, participants: a.participants?.toString(), place: a.place };
        const outcome = await recordActivity(db, { actor: sideActor(a.by), commitmentId: commitmentAt(a.at), form, now: on(a.happenedOn) });
        if (!outcome.ok) throw new Error(`a demo activity could not be recorded: ${JSON.stringify(outcome.errors)}`);
      }
      for (const s of part.statuses) {
        const outcome = await setCommitmentStatus(db, { actor: sideActor(s.by), commitmentId: commitmentAt(s.at), status: s.status, note: s.note, now: on(s.day) });
        if (!outcome.ok) throw new Error(`a demo status could not be set: ${JSON.stringify(outcome.errors)}`);
      }
    };
    await record(FIRST_YEAR);
    if (options.content) await publishDemoReport(db, { report: REPORTS[0]!, coordinators: [hogsby, monsteras], content: options.content });
    await record(SECOND_YEAR);
    await savePoliceCommentary(db, { actor: police, promiseId, text: POLICE_COMMENTARY, now: on("2025-11-10") });
    if (options.content) await publishDemoReport(db, { report: REPORTS[1]!, coordinators: [hogsby, monsteras], content: options.content });
  } else if (options.content) {
    // Seeded once without the compiled content: the reports come now, after all the follow-up.
    const reported = await db.selectFrom("followup_report").select("id").where("promise_id", "=", promiseId).executeTakeFirst();
    if (!reported) for (const report of REPORTS) await publishDemoReport(db, { report, coordinators: [hogsby, monsteras], content: options.content });
  }
}

async function publishDemoReport(
  db: Kysely<Database>,
  input: { report: (typeof REPORTS)[number]; coordinators: SessionUser[]; content: ContentIndex },
): Promise<void> {
  for (const coordinator of input.coordinators) {
    const outcome = await publishReport(db, {
      id: newId(),
      municipality: { id: coordinator.municipalityId! },
      actorId: coordinator.id,
      title: input.report.title,
      period: input.report.period,
      commentary: REPORT_COMMENTARY,
      replacesId: null,
      content: input.content,
      now: on(input.report.day),
    });
    if (outcome.status !== "published") throw new Error(`a demo report could not be published: ${outcome.status}`);
  }
}

/** Public pages label the demo's activities and reports as example data while this is set. */
async function markDemoData(db: Kysely<Database>): Promise<void> {
  const row = await db.selectFrom("instance_setting").select("value").where("key", "=", "demo_data").executeTakeFirst();
  const updated_at = new Date().toISOString();
  if (!row) await db.insertInto("instance_setting").values({ key: "demo_data", value: "true", updated_at }).execute();
  else if (row.value !== "true") await db.updateTable("instance_setting").set({ value: "true", updated_at }).where("key", "=", "demo_data").execute();
}
