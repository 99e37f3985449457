// SPDX-License-Identifier: EUPL-1.2
// The municipality's own text in the content (issue #15): where a lesson or material says
// `::lokalt{namn}`, its coaches and school staff read what their coordinator wrote for that place,
// marked "Lokalt i Högsby kommun"; where nothing is written, a neutral sentence points to the
// contact cards. The coordinator writes limited Markdown, compiled by the same pipeline as the
// content (no HTML, links https or mailto only, sanitized), and sees a preview before saving.
import type { Kysely } from "kysely";
import { isLocalSlot, type LocalSlot } from "~/content/local-slots";
import { compileMarkdown } from "~/content/markdown.server";
import { iso } from "~/lib/time";
import { oneCharacterLineBreaks, type FieldErrors } from "~/lib/validation";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import type { Database } from "~db/schema";
import { officialNameOf } from "~/lib/municipality-name";
import { formatDate } from "~/lib/dates";
import { currentPromiseSummary, type PromiseSummary } from "~/modules/promises/promises.server";

export const MAX_LOCAL_TEXT = 4000;
const NO_TARGETS = { lessons: new Map(), modules: new Map(), materials: new Map(), images: new Map() };

export interface LocalTexts {
  /** The municipality as it signs ("Högsby kommun"). */
  officialName: string;
  /** Compiled HTML per place. */
  html: Partial<Record<LocalSlot, string>>;
  /** Where the municipality's promises are followed up: /uppfoljning/<slug>. */
  slug: string;
  /** The current public medborgarlöfte, read only for a text that shows it (::medborgarlofte). */
  promise: PromiseSummary | null;
  /** Changes whenever a text does: part of the key under which a page keeps its text. */
  version: string;
}

/** Limited Markdown to sanitized HTML, or the problems in Swedish. */
export function compileLocalText(text: string): { ok: true; html: string } | { ok: false; message: string } {
  const compiled = compileMarkdown({ file: "lokal text", body: text, bodyLine: 1, allowImages: false }, NO_TARGETS);
  const problems = compiled.errors.filter((e) => e.field !== "rubrik");
  if (problems.length > 0) return { ok: false, message: `Texten kan inte visas så här: ${problems.map((p) => p.message).join("; ")}.` };
  return { ok: true, html: compiled.html };
}

// A saved text is compiled once per process, not on every page view that shows it: texts change
// rarely, and the same few are read by every member of a municipality. Bounded, since an edit
// leaves the old text's entry behind.
const compiledTexts = new Map<string, string | null>();
const MAX_COMPILED_TEXTS = 2_000;

function storedTextHtml(text: string): string | null {
  let html = compiledTexts.get(text);
  if (html === undefined) {
    const compiled = compileLocalText(text);
    html = compiled.ok ? compiled.html : null;
    if (compiledTexts.size >= MAX_COMPILED_TEXTS) compiledTexts.clear();
    compiledTexts.set(text, html);
  }
  return html;
}

/** The municipality's texts for the places in `html` (all places when it is not given). */
export async function localTextsOf(db: Kysely<Database>, municipalityId: string, html?: string): Promise<LocalTexts> {
  const [municipality, rows, promise] = await Promise.all([
    db.selectFrom("municipality").select(["name", "official_name", "slug"]).where("id", "=", municipalityId).executeTakeFirst(),
    db.selectFrom("local_text").select(["slot", "text", "updated_at"]).where("municipality_id", "=", municipalityId).execute(),
    html === undefined || html.includes(PROMISE_PLACE) ? currentPromiseSummary(db, municipalityId) : null,
  ]);
  const texts: Partial<Record<LocalSlot, string>> = {};
  for (const row of rows) {
    const compiled = isLocalSlot(row.slot) ? storedTextHtml(row.text) : null;
    if (compiled) texts[row.slot as LocalSlot] = compiled;
  }
  const version = [...rows.map((r) => `${r.slot}@${r.updated_at}`).sort(), promise ? `lofte@${promise.id}:${promise.state}` : ""].filter(Boolean).join(",") || "none";
  return { officialName: officialNameOf(municipality?.name ?? "", municipality?.official_name ?? null), html: texts, slug: municipality?.slug ?? "", promise, version };
}

/** The raw texts for the coordinator's form. */
export async function localTextSources(db: Kysely<Database>, municipalityId: string): Promise<Partial<Record<LocalSlot, { text: string; updatedAt: string }>>> {
  const rows = await db.selectFrom("local_text").select(["slot", "text", "updated_at"]).where("municipality_id", "=", municipalityId).execute();
  return Object.fromEntries(rows.filter((r) => isLocalSlot(r.slot)).map((r) => [r.slot, { text: r.text, updatedAt: r.updated_at }]));
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const PROMISE_PLACE = '<div data-lofte="aktuellt"></div>';

/** Whether compiled content has a place for local text: most lessons have none and need no query. */
export function hasLocalPlaces(html: string): boolean {
  return html.includes("<div data-lokalt=") || html.includes(PROMISE_PLACE);
}

/** Puts each place's text (or the neutral pointer) into compiled content HTML. */
export function fillLocalTexts(html: string, texts: LocalTexts | null): string {
  return html.replaceAll(PROMISE_PLACE, () => promiseHtml(texts)).replace(/<div data-lokalt="([a-z0-9-]+)"><\/div>/g, (_match, slot: string) => {
    const own = texts && isLocalSlot(slot) ? texts.html[slot] : undefined;
    if (own && texts) {
      const label = `Lokalt i ${escapeHtml(texts.officialName)}`;
      return `<aside class="lokalt" aria-label="${label}"><p class="lokalt-label">${label}</p>${own}</aside>`;
    }
    // A member is pointed to their municipality's contact cards; a visitor without an account to people they can ask.
    return texts
      ? `<aside class="lokalt lokalt-tom" aria-label="Lokalt hos oss"><p>Vart du vänder dig där du arbetar står under <a href="/lokalt">Lokalt hos oss</a>.</p></aside>`
      : `<aside class="lokalt lokalt-tom" aria-label="Lokalt hos oss"><p>Hur det går till i din kommun vet skolans elevhälsa och kommunens ANDTS-samordnare.</p></aside>`;
  });
}

const PERIOD_WORDS = { upcoming: "gäller", ongoing: "gäller", ended: "gällde" } as const;

// The current promise as the lesson shows it. A reader with no promise in the data is told whom
// to ask, never shown another municipality's promise as if it were theirs.
function promiseHtml(texts: LocalTexts | null): string {
  const label = texts ? `Medborgarlöftet i ${escapeHtml(texts.officialName)}` : "Kommunens medborgarlöfte";
  if (!texts) {
    return `<aside class="lokalt lokalt-tom" aria-label="${label}"><p>Kommunernas publicerade medborgarlöften och hur de följs upp finns under <a href="/uppfoljning">Uppföljning</a>.</p></aside>`;
  }
  const promise = texts.promise;
  if (!promise) {
    return `<aside class="lokalt lokalt-tom" aria-label="${label}"><p class="lokalt-label">${label}</p><p>Kommunen har inget publicerat medborgarlöfte här ännu. Fråga din ANDTS-samordnare vad som gäller.</p></aside>`;
  }
  const period = `${formatDate(promise.periodStart)} till ${formatDate(promise.periodEnd)}`;
  const areas = promise.focusAreas.map((a) => `<li>${escapeHtml(a)}</li>`).join("");
  const url = `/uppfoljning/${encodeURIComponent(texts.slug)}/loften/${promise.id}`;
  return (
    `<aside class="lokalt" aria-label="${label}"><p class="lokalt-label">${label}</p>` +
    `<p>${escapeHtml(promise.title)} ${PERIOD_WORDS[promise.state]} från ${period}.${areas ? " Fokusområden:" : ""}</p>` +
    (areas ? `<ul>${areas}</ul>` : "") +
    `<p><a href="${url}">Läs hela löftet och hur det följs upp</a></p></aside>`
  );
}

export type LocalTextOutcome =
  | { kind: "saved"; slot: LocalSlot }
  | { kind: "preview"; slot: LocalSlot; html: string; text: string }
  | { kind: "errors"; status: 400 | 404; slot: string; errors: FieldErrors; text: string };

/** The coordinator's form for one place: preview, save, or clear. */
export async function submitLocalText(db: Kysely<Database>, input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date }): Promise<LocalTextOutcome> {
  const slot = String(input.form.get("slot") ?? "");
  const text = oneCharacterLineBreaks(String(input.form.get("text") ?? ""));
  const intent = input.form.get("intent");
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId)) return { kind: "errors", status: 404, slot, errors: { form: "Kommunen finns inte." }, text };
  if (!isLocalSlot(slot)) return { kind: "errors", status: 400, slot, errors: { form: "Välj en av platserna på sidan." }, text };
  const now = input.now ?? new Date();
  if (intent === "clear" || (intent === "save" && text.trim() === "")) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("local_text").where("municipality_id", "=", input.municipalityId).where("slot", "=", slot).execute();
      await recordAuditEvent(trx, { action: "localtext.saved", actorId: input.actor.id, subject: slot, municipalityId: input.municipalityId, details: { slot, cleared: true }, now });
    });
    return { kind: "saved", slot };
  }
  if (intent !== "preview" && intent !== "save") return { kind: "errors", status: 400, slot, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." }, text };
  if (text.length > MAX_LOCAL_TEXT) return { kind: "errors", status: 400, slot, errors: { [`text-${slot}`]: `Texten får ha högst ${MAX_LOCAL_TEXT} tecken.` }, text };
  const compiled = compileLocalText(text);
  if (!compiled.ok) return { kind: "errors", status: 400, slot, errors: { [`text-${slot}`]: compiled.message }, text };
  if (intent === "preview") return { kind: "preview", slot, html: compiled.html, text };
  await db.transaction().execute(async (trx) => {
    const values = { text, updated_by: input.actor.id, updated_at: iso(now) };
    await trx
      .insertInto("local_text")
      .values({ municipality_id: input.municipalityId, slot, ...values })
      .onConflict((oc) => oc.columns(["municipality_id", "slot"]).doUpdateSet(values))
      .execute();
    await recordAuditEvent(trx, { action: "localtext.saved", actorId: input.actor.id, subject: slot, municipalityId: input.municipalityId, details: { slot, length: text.length }, now });
  });
  return { kind: "saved", slot };
}

