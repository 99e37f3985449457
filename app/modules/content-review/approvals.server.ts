// SPDX-License-Identifier: EUPL-1.2
// Content approved in the browser (issue #15): a coordinator marks a module, the booster or a
// material "Granskat och godkänt" for their municipality. The approval is for one compiled version
// (its hash): when the content changes it says "Ändrat sedan granskningen", and the coordinator
// sees what changed as a readable diff of the text. Each compiled version's text is kept
// (content_version_text), because the content folder only ever holds the newest.
import { createHash } from "node:crypto";
import { diffWords } from "diff";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex } from "~/content/content.server";
import type { AttachmentBlock } from "~/content/types";
import { formatDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { can, getSession, type RequestArgs, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { ApprovalKind, Database } from "~db/schema";

export type { ApprovalKind };
export type ApprovalState = "not_approved" | "approved" | "changed";

export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  not_approved: "Inte granskat",
  approved: "Granskat och godkänt",
  changed: "Ändrat sedan granskningen",
};

export interface ReviewItem {
  kind: ApprovalKind;
  slug: string;
  title: string;
  /** The compiled version as it is now. */
  hash: string;
  /** "Grundutbildning för ANDTS-coacher", "Repetition", "Material för skolan" */
  group: string;
  url: string;
}

/**
 * A material has no content hash of its own in the index: its compiled text is what it is. The
 * printed attachments are part of what a coordinator approves; a material without any keeps the
 * hash it had before attachments were text (decision 035), so its approval stands.
 */
function materialHash(material: ContentIndex["materials"][number]): string {
  const attachments = material.attachments.length ? `\n${attachmentsText(material)}` : "";
  return createHash("sha256").update(`${material.title}\n${material.summary}\n${material.html}${attachments}`).digest("hex");
}

/** The attachments' words, block by block: what the PDFs print, for the hash and the shown changes. */
function attachmentsText(material: ContentIndex["materials"][number]): string {
  const runs = (list: Array<{ text: string }>) => list.map((r) => r.text).join("");
  const blockText = (block: AttachmentBlock): string[] => {
    switch (block.type) {
      case "heading":
      case "paragraph":
        return [runs(block.runs)];
      case "list":
        return block.items.flatMap((item) => item.blocks.flatMap(blockText).map((t) => `${item.checkbox ? "☐ " : "– "}${t}`));
      case "table":
        return [block.header, ...block.rows].map((row) => row.map(runs).join(" | "));
      case "quote":
        return block.blocks.flatMap(blockText);
      case "answerLines":
        return ["______"];
      case "cut":
        return ["- - -"];
    }
  };
  return material.attachments.map((a) => [`Bilaga: ${a.title}`, ...a.blocks.flatMap(blockText)].join("\n")).join("\n\n");
}

/** Every module of every track (the booster included) and every material, as the review page lists them. */
export function reviewItems(content: ContentIndex): ReviewItem[] {
  const seen = new Set<string>();
  const items: ReviewItem[] = [];
  for (const track of content.tracks) {
    for (const slug of [...track.modules, ...(track.refresher ? [track.refresher] : [])]) {
      const module = content.modules[slug];
      if (!module || seen.has(slug)) continue;
      seen.add(slug);
      items.push({ kind: "module", slug, title: module.title, hash: module.contentHash, group: track.title, url: `/utbildning/${track.slug}/${slug}` });
    }
  }
  for (const material of content.materials) {
    items.push({ kind: "material", slug: material.slug, title: material.title, hash: materialHash(material), group: "Material för skolan", url: `/material/${material.slug}` });
  }
  return items;
}

/** Block-level HTML as readable text: one line per paragraph, heading or list item. */
export function readableText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|aside|div)>/g, "\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

function itemText(content: ContentIndex, item: ReviewItem): string {
  if (item.kind === "material") {
    const material = content.materials.find((m) => m.slug === item.slug)!;
    const attachments = material.attachments.length ? `\n\n${attachmentsText(material)}` : "";
    return `${readableText(`<h1>${material.title}</h1><p>${material.summary}</p>${material.html}`)}${attachments}`;
  }
  const module = content.modules[item.slug]!;
  const parts = [`<h1>${module.title}</h1>`, module.html, ...module.lessons.map((l) => `<h2>${l.title}</h2>${l.html}`)];
  const quiz = module.quiz.questions.map((q) => `<p>Fråga: ${q.prompt}</p>`).join("");
  return readableText(parts.join("") + quiz);
}

/** Keeps the text of each version as it is now, once: the review page calls it, so every approved version has its text. */
export async function recordVersionTexts(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<void> {
  const items = reviewItems(content);
  const known = await db.selectFrom("content_version_text").select(["kind", "slug", "content_hash"]).where("content_hash", "in", items.map((i) => i.hash)).execute();
  const has = new Set(known.map((k) => `${k.kind}/${k.slug}/${k.content_hash}`));
  for (const item of items) {
    if (has.has(`${item.kind}/${item.slug}/${item.hash}`)) continue;
    await db
      .insertInto("content_version_text")
      .values({ kind: item.kind, slug: item.slug, content_hash: item.hash, title: item.title, text: itemText(content, item), first_seen_at: iso(now) })
      .onConflict((oc) => oc.columns(["kind", "slug", "content_hash"]).doNothing())
      .execute();
  }
}

export interface Approval {
  hash: string;
  approvedAt: string;
  approvedByName: string | null;
  comment: string | null;
}

export interface ReviewRow extends ReviewItem {
  state: ApprovalState;
  approval: Approval | null;
}

/** The municipality's approvals in force: the newest one not withdrawn, per item. */
async function approvalsOf(db: Kysely<Database>, municipalityId: string): Promise<Map<string, Approval>> {
  const rows = await db
    .selectFrom("content_approval as a")
    .leftJoin("user as u", "u.id", "a.approved_by")
    .select(["a.kind", "a.slug", "a.content_hash", "a.approved_at", "a.comment", "u.name"])
    .where("a.municipality_id", "=", municipalityId)
    .where("a.withdrawn_at", "is", null)
    .orderBy("a.approved_at")
    .execute();
  const byItem = new Map<string, Approval>();
  for (const r of rows) byItem.set(`${r.kind}/${r.slug}`, { hash: r.content_hash, approvedAt: r.approved_at, approvedByName: r.name, comment: r.comment });
  return byItem;
}

export async function reviewRows(db: Kysely<Database>, input: { municipalityId: string; content: ContentIndex }): Promise<ReviewRow[]> {
  const approvals = await approvalsOf(db, input.municipalityId);
  return reviewItems(input.content).map((item) => {
    const approval = approvals.get(`${item.kind}/${item.slug}`) ?? null;
    const state: ApprovalState = !approval ? "not_approved" : approval.hash === item.hash ? "approved" : "changed";
    return { ...item, state, approval };
  });
}

/** What a member of the municipality sees of one item's approval (module and material pages). */
export async function approvalOf(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; kind: ApprovalKind; slug: string },
): Promise<{ state: ApprovalState; approvedAt: string | null }> {
  const item = reviewItems(input.content).find((i) => i.kind === input.kind && i.slug === input.slug);
  const approval = (await approvalsOf(db, input.municipalityId)).get(`${input.kind}/${input.slug}`);
  if (!item || !approval) return { state: "not_approved", approvedAt: null };
  return { state: approval.hash === item.hash ? "approved" : "changed", approvedAt: approval.approvedAt };
}

const approveSchema = z.object({
  kind: z.enum(["module", "material"]),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  comment: z
    .string()
    .trim()
    .max(500, "Kommentaren får ha högst 500 tecken.")
    .optional()
    .transform((v) => (v ? v : null)),
});

export type ApprovalOutcome = { ok: true; message: string } | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

/** The review page's forms: approve the version the coordinator saw, or withdraw an approval. */
export async function submitApprovalForm(
  db: Kysely<Database>,
  input: { actor: SessionUser; municipalityId: string; content: ContentIndex; form: FormData; now?: Date },
): Promise<ApprovalOutcome> {
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId) || input.actor.role !== "coordinator") return { ok: false, status: 404, errors: { form: "Sidan finns inte." } };
  const parsed = parseForm(approveSchema, input.form);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors.comment ? { comment: parsed.errors.comment } : { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." } };
  const { kind, slug, hash, comment } = parsed.data;
  const item = reviewItems(input.content).find((i) => i.kind === kind && i.slug === slug);
  if (!item) return { ok: false, status: 404, errors: { form: "Innehållet finns inte." } };
  const now = input.now ?? new Date();
  const intent = input.form.get("intent");
  if (intent === "withdraw") {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("content_approval")
        .set({ withdrawn_at: iso(now), withdrawn_by: input.actor.id })
        .where("municipality_id", "=", input.municipalityId)
        .where("kind", "=", kind)
        .where("slug", "=", slug)
        .where("withdrawn_at", "is", null)
        .execute();
      await recordAuditEvent(trx, { action: "content.approval_withdrawn", actorId: input.actor.id, subject: `${kind}/${slug}`, municipalityId: input.municipalityId, details: { kind, slug }, now });
    });
    return { ok: true, message: `Godkännandet av ”${item.title}” är återkallat.` };
  }
  if (intent !== "approve") return { ok: false, status: 400, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." } };
  // The version the coordinator read must still be the one in use: otherwise they approve text they have not seen.
  if (hash !== item.hash) return { ok: false, status: 409, errors: { form: `”${item.title}” har ändrats medan du granskade. Läs ändringarna och godkänn igen.` } };
  await recordVersionTexts(db, input.content, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("content_approval")
      .values({ id: newId(), municipality_id: input.municipalityId, kind, slug, content_hash: hash, comment, approved_by: input.actor.id, approved_at: iso(now), withdrawn_at: null, withdrawn_by: null })
      .execute();
    await recordAuditEvent(trx, { action: "content.approved", actorId: input.actor.id, subject: `${kind}/${slug}`, municipalityId: input.municipalityId, details: { kind, slug, hash, comment }, now });
  });
  return { ok: true, message: `”${item.title}” är granskat och godkänt för kommunen.` };
}

export interface TextChange {
  kind: "same" | "added" | "removed";
  text: string;
}

/** What changed in an item's text between the approved version and the one in use, word by word. */
export async function changesSinceApproval(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; kind: ApprovalKind; slug: string },
): Promise<{ title: string; approvedAt: string; changes: TextChange[] } | { missing: true } | null> {
  const row = (await reviewRows(db, input)).find((r) => r.kind === input.kind && r.slug === input.slug);
  if (!row || row.state !== "changed" || !row.approval) return null;
  await recordVersionTexts(db, input.content);
  const texts = await db
    .selectFrom("content_version_text")
    .select(["content_hash", "text"])
    .where("kind", "=", input.kind)
    .where("slug", "=", input.slug)
    .where("content_hash", "in", [row.approval.hash, row.hash])
    .execute();
  const before = texts.find((t) => t.content_hash === row.approval!.hash)?.text;
  const after = texts.find((t) => t.content_hash === row.hash)?.text;
  if (before === undefined || after === undefined) return { missing: true };
  const changes = diffWords(before, after).map((part) => ({ kind: part.added ? ("added" as const) : part.removed ? ("removed" as const) : ("same" as const), text: part.value }));
  return { title: row.title, approvedAt: row.approval.approvedAt, changes };
}

/** The signed-in reader's municipality as it signs, from the session (read with it, no query of its own). */
export async function readerMunicipality(args: RequestArgs): Promise<{ id: string; officialName: string } | null> {
  const session = await getSession(args);
  const id = session?.user.municipalityId;
  return id && session.brand ? { id, officialName: session.brand.officialName } : null;
}

export interface ReviewNote {
  /** "Granskat av Högsby kommun 6 december 2026", or null. */
  approved: string | null;
  /** A calm word where the municipality has not approved this version, or null. */
  pending: string | null;
  /** The national editorial status, apart from the municipality's approval. */
  national: string;
}

/** What a reader sees of an item's review: their municipality's approval, and who made the content. */
export async function reviewNoteFor(
  db: Kysely<Database>,
  input: { municipality: { id: string; officialName: string } | null; content: ContentIndex; kind: ApprovalKind; slug: string; review: { status: string; reviewedBy: string | null; reviewedAt: string | null } },
): Promise<ReviewNote> {
  const national =
    input.review.status === "granskad" && input.review.reviewedBy
      ? `Innehållet är framtaget av Coachportalens redaktion och faktagranskat av ${input.review.reviewedBy}${input.review.reviewedAt ? ` ${formatDate(`${input.review.reviewedAt}T12:00:00Z`)}` : ""}.`
      : "Innehållet är framtaget av Coachportalens redaktion och bygger på källorna som anges.";
  if (!input.municipality) return { approved: null, pending: null, national };
  const state = await approvalOf(db, { municipalityId: input.municipality.id, content: input.content, kind: input.kind, slug: input.slug });
  if (state.state === "approved" && state.approvedAt) return { approved: `Granskat av ${input.municipality.officialName} ${formatDate(state.approvedAt)}.`, pending: null, national };
  return {
    approved: null,
    pending:
      state.state === "changed"
        ? `Innehållet har uppdaterats sedan ${input.municipality.officialName} granskade det, och väntar på att granskas igen.`
        : `${input.municipality.officialName} har inte gått igenom det här innehållet ännu.`,
    national,
  };
}
