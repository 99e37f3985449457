// SPDX-License-Identifier: EUPL-1.2
// Content approved in the browser: for one compiled version, lapsing when the content changes,
// with what changed shown as text; withdrawn, audited, and the municipality's alone (issue #15).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { changesSinceApproval, readableText, reviewNoteFor, reviewRows, submitApprovalForm } from "~/modules/content-review/approvals.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

/** The same content after an editor changed one sentence of the first lesson: a new compiled version. */
function editedContent(content: ContentIndex, slug: string): ContentIndex {
  const module = content.modules[slug]!;
  const [first, ...rest] = module.lessons;
  const lesson = { ...first!, html: `${first!.html}<p>Ny mening om sekretess.</p>` };
  return { ...content, modules: { ...content.modules, [slug]: { ...module, contentHash: "f".repeat(64), lessons: [lesson, ...rest] } } };
}

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås");
  const actor = async (m: { id: string; slug: string; name: string }): Promise<SessionUser & { municipalityId: string }> => {
    const user = await createUser(db, { role: "coordinator", municipalityId: m.id, name: "Sara Samordnare" });
    return { ...user, municipalityId: m.id, municipalitySlug: m.slug, municipalityName: m.name, school: null };
  };
  const content = getContent();
  const slug = Object.keys(content.modules)[0]!;
  return { db, hogsby, monsteras, coordinator: await actor(hogsby), other: await actor(monsteras), content, slug };
}

describe("approving content for the municipality", () => {
  it("approves the version read, lapses when the content changes, shows the change, and is approved again", async () => {
    const { db, hogsby, coordinator, content, slug } = await setup();
    const hash = content.modules[slug]!.contentHash;
    const approve = (c: ContentIndex, h: string) =>
      submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content: c, form: form({ intent: "approve", kind: "module", slug, hash: h, comment: "Stämmer med vår rutin." }) });
    expect(await approve(content, hash)).toMatchObject({ ok: true });
    const row = (await reviewRows(db, { municipalityId: hogsby.id, content })).find((r) => r.slug === slug)!;
    expect(row).toMatchObject({ state: "approved", approval: { hash, approvedByName: "Sara Samordnare", comment: "Stämmer med vår rutin." } });

    const edited = editedContent(content, slug);
    expect((await reviewRows(db, { municipalityId: hogsby.id, content: edited })).find((r) => r.slug === slug)?.state).toBe("changed");
    const changes = await changesSinceApproval(db, { municipalityId: hogsby.id, content: edited, kind: "module", slug });
    expect(changes && "changes" in changes && changes.changes.filter((c) => c.kind === "added").map((c) => c.text.trim())).toEqual(["Ny mening om sekretess."]);

    // Approving with the hash of the version read before the change is refused: the text is not what was read.
    expect(await approve(edited, hash)).toMatchObject({ ok: false, status: 409 });
    expect(await approve(edited, "f".repeat(64))).toMatchObject({ ok: true });
    expect((await reviewRows(db, { municipalityId: hogsby.id, content: edited })).find((r) => r.slug === slug)?.state).toBe("approved");
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "content.approved").execute()).toHaveLength(2);
  });

  it("lapses when only a material's printed attachment changes, and shows that change", async () => {
    const { db, hogsby, coordinator, content } = await setup();
    const material = content.materials.find((m) => m.attachments.length > 0)!;
    const row = async (c: ContentIndex) => (await reviewRows(db, { municipalityId: hogsby.id, content: c })).find((r) => r.kind === "material" && r.slug === material.slug)!;
    const approved = await submitApprovalForm(db, {
      actor: coordinator,
      municipalityId: hogsby.id,
      content,
      form: form({ intent: "approve", kind: "material", slug: material.slug, hash: (await row(content)).hash, comment: "" }),
    });
    expect(approved).toMatchObject({ ok: true });
    const [first, ...rest] = material.attachments;
    const edited: ContentIndex = {
      ...content,
      materials: content.materials.map((m) =>
        m === material ? { ...m, attachments: [{ ...first!, blocks: [...first!.blocks, { type: "paragraph", runs: [{ text: "Ring skolsköterskan." }] }] }, ...rest] } : m,
      ),
    };
    expect((await row(edited)).state).toBe("changed");
    const changes = await changesSinceApproval(db, { municipalityId: hogsby.id, content: edited, kind: "material", slug: material.slug });
    expect(changes && "changes" in changes && changes.changes.filter((c) => c.kind === "added").map((c) => c.text.trim())).toEqual(["Ring skolsköterskan."]);
  });

  it("is withdrawn, and is the approving municipality's alone", async () => {
    const { db, hogsby, monsteras, coordinator, content, slug } = await setup();
    const hash = content.modules[slug]!.contentHash;
    await submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content, form: form({ intent: "approve", kind: "module", slug, hash }) });
    expect((await reviewRows(db, { municipalityId: monsteras.id, content })).find((r) => r.slug === slug)?.state).toBe("not_approved");
    expect(await submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content, form: form({ intent: "withdraw", kind: "module", slug, hash }) })).toMatchObject({ ok: true });
    expect((await reviewRows(db, { municipalityId: hogsby.id, content })).find((r) => r.slug === slug)?.state).toBe("not_approved");
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "content.approval_withdrawn").execute()).toHaveLength(1);
  });

  it("refuses unknown content and a comment that is too long, writing nothing", async () => {
    const { db, hogsby, coordinator, content, slug } = await setup();
    const hash = content.modules[slug]!.contentHash;
    expect(await submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content, form: form({ intent: "approve", kind: "module", slug: "finns-inte", hash }) })).toMatchObject({ ok: false, status: 404 });
    expect(await submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content, form: form({ intent: "approve", kind: "module", slug, hash, comment: "x".repeat(501) }) })).toMatchObject({
      ok: false,
      status: 400,
      errors: { comment: expect.stringContaining("högst 500") },
    });
    expect(await db.selectFrom("content_approval").selectAll().execute()).toEqual([]);
  });
});

describe("what readers see", () => {
  it("says who approved it and when, a calm word otherwise, and never 'utkast'", async () => {
    const { db, hogsby, coordinator, content, slug } = await setup();
    const review = { status: "utkast", reviewedBy: null, reviewedAt: null };
    const municipality = { id: hogsby.id, officialName: "Högsby kommun" };
    const before = await reviewNoteFor(db, { municipality, content, kind: "module", slug, review });
    expect(before).toMatchObject({ approved: null, pending: "Högsby kommun har inte gått igenom det här innehållet ännu." });
    await submitApprovalForm(db, { actor: coordinator, municipalityId: hogsby.id, content, form: form({ intent: "approve", kind: "module", slug, hash: content.modules[slug]!.contentHash }) });
    const after = await reviewNoteFor(db, { municipality, content, kind: "module", slug, review });
    expect(after.approved).toMatch(/^Granskat av Högsby kommun \d{1,2} \p{L}+ \d{4}\.$/u);
    expect(JSON.stringify([before, after]).toLowerCase()).not.toContain("utkast");
    const changed = await reviewNoteFor(db, { municipality, content: editedContent(content, slug), kind: "module", slug, review });
    expect(changed.pending).toContain("har uppdaterats sedan");
  });

  it("reads block-level HTML as lines of text", () => {
    expect(readableText("<h2>Rubrik</h2><p>Ett &amp; två</p><ul><li>a</li><li>b</li></ul>")).toBe("Rubrik\nEtt & två\na\nb");
  });
});
