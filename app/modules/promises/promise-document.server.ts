// SPDX-License-Identifier: EUPL-1.2
// The signed medborgarlöfte as a PDF, one per version, stored in the database so that every app
// instance serves the same file and a backup holds it. Only what is a PDF by its content is
// taken: a name ending in .pdf proves nothing, and the file is later handed to anyone who asks
// for it on the public pages. Writing goes through promise-editing.server.ts (drafts only).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { iso } from "~/lib/time";
import type { Database } from "~db/schema";
import { PROMISE_ID_PATTERN } from "./promises.server";

/** The largest signed document taken (server/body-limits.js lets the upload's form through with a little more). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = "%PDF-";

export interface PromiseDocument {
  fileName: string;
  data: Uint8Array;
  size: number;
  sha256: string;
}

export type UploadCheck = { ok: true; document: PromiseDocument } | { ok: false; message: string };

/** A file name safe to store and to send back in Content-Disposition. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[^\p{L}\p{N} ._()-]/gu, "").trim().slice(0, 150);
  return clean.toLowerCase().endsWith(".pdf") ? clean : `${clean || "medborgarlofte"}.pdf`;
}

export const storePromiseDocument = {
  async check(file: File | null | undefined): Promise<UploadCheck> {
    if (!file || typeof file === "string" || file.size === 0) return { ok: false, message: "Välj det undertecknade löftet som en PDF-fil." };
    if (file.size > MAX_DOCUMENT_BYTES) return { ok: false, message: "Filen är större än 10 MB. Spara PDF-filen i en mindre storlek och försök igen." };
    const data = new Uint8Array(await file.arrayBuffer());
    if (Buffer.from(data.subarray(0, PDF_MAGIC.length)).toString("latin1") !== PDF_MAGIC) {
      return { ok: false, message: "Filen är inte en PDF. Välj det undertecknade löftet sparat som PDF." };
    }
    return { ok: true, document: { fileName: cleanFileName(file.name), data, size: data.byteLength, sha256: createHash("sha256").update(data).digest("hex") } };
  },

  async write(trx: Kysely<Database>, input: { promiseId: string; document: PromiseDocument; actorId: string; now: Date }): Promise<void> {
    const d = input.document;
    await trx.deleteFrom("promise_document").where("promise_id", "=", input.promiseId).execute();
    await trx
      .insertInto("promise_document")
      .values({ promise_id: input.promiseId, file_name: d.fileName, size: d.size, sha256: d.sha256, data: Buffer.from(d.data), uploaded_by: input.actorId, uploaded_at: iso(input.now) })
      .execute();
  },

  /** A correction starts with the document of the version it corrects. */
  async copy(trx: Kysely<Database>, { from, to }: { from: string; to: string }): Promise<void> {
    const row = await trx.selectFrom("promise_document").selectAll().where("promise_id", "=", from).executeTakeFirst();
    if (row) await trx.insertInto("promise_document").values({ ...row, promise_id: to }).execute();
  },
};

/** The version's signed document; who may have it is the caller's check. */
export async function readPromiseDocument(db: Kysely<Database>, promiseId: string): Promise<PromiseDocument | undefined> {
  if (!PROMISE_ID_PATTERN.test(promiseId)) return undefined;
  const row = await db.selectFrom("promise_document").select(["file_name", "data", "size", "sha256"]).where("promise_id", "=", promiseId).executeTakeFirst();
  if (!row) return undefined;
  return { fileName: row.file_name, data: new Uint8Array(row.data), size: Number(row.size), sha256: row.sha256 };
}
