// SPDX-License-Identifier: EUPL-1.2
// A material's attachments: PDFs printed from the material's own text (attachment-pdf.server.ts).
// `npm run content:build` prints them into the build beside the compiled index, and a server
// running that build sends those files. Where the index was compiled on the fly (development,
// tests, a build made without content:build) each is printed on its first request and kept for
// that compiled version of the content. Only an attachment the material declares has a URL.
import fs from "node:fs";
import path from "node:path";
import { compiledAttachmentPath, compiledAttachmentsDir, type Attachment, type ContentIndex, type Material } from "~/content/content.server";
import { logWarn } from "~/lib/log.server";
import { renderAttachmentPdf, type AttachmentPdf } from "./attachment-pdf.server";
import { withoutDiacritics } from "./search.server";

type MaterialOfAttachment = Pick<Material, "slug" | "title" | "sources">;

export function attachmentUrl(material: Pick<Material, "slug">, attachment: Attachment): string {
  return `/material/${material.slug}/bilagor/${encodeURIComponent(attachment.fileName)}`;
}

/** The name a download is saved under, the material's and the attachment's: "vitt-snus-ak-7-9-arbetsblad.pdf". */
export function downloadName(material: Pick<Material, "slug">, attachment: Attachment): string {
  return `${material.slug}-${attachment.fileName}`;
}

/** "Arbetsblad.pdf" in both forms of RFC 6266, so every browser saves it under its real name. */
export function contentDisposition(fileName: string): string {
  const ascii = withoutDiacritics(fileName).replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The attachment the material declares under this file name; null otherwise. */
export function findAttachment(material: Pick<Material, "attachments">, fileName: string): Attachment | null {
  return material.attachments.find((a) => a.fileName === fileName) ?? null;
}

/** Prints the attachment from its compiled text: what content:build writes into the build. */
export function printAttachment(material: MaterialOfAttachment, attachment: Attachment): Promise<AttachmentPdf> {
  return renderAttachmentPdf({ materialTitle: material.title, title: attachment.title, blocks: attachment.blocks, sources: material.sources });
}

// Keyed by the compiled attachment itself: content compiled again holds new objects, printed again.
const printed = new WeakMap<Attachment, Promise<AttachmentPdf>>();

/** The attachment's PDF: the build's file when content:build made one, otherwise printed once per compiled version. */
export function attachmentPdf(material: MaterialOfAttachment, attachment: Attachment): Promise<AttachmentPdf> {
  let pdf = printed.get(attachment);
  if (!pdf) {
    pdf = readBuilt(material, attachment) ?? printAttachment(material, attachment);
    printed.set(attachment, pdf);
    pdf.catch(() => printed.delete(attachment));
  }
  return pdf;
}

function readBuilt(material: MaterialOfAttachment, attachment: Attachment): Promise<AttachmentPdf> | null {
  if (!attachment.pdf) return null;
  const file = compiledAttachmentPath(material.slug, attachment.fileName);
  try {
    return Promise.resolve({ bytes: fs.readFileSync(file), pages: attachment.pdf.pages });
  } catch {
    logWarn(`${file} saknas; bilagan skrivs ut på nytt. Kör npm run build.`);
    return null;
  }
}

/**
 * For content:build: prints every attachment into the build (compiledAttachmentPath) and records
 * its pages and size in the index, which is written after. The folder is made aside and moved into
 * place, so a running server never sends half a file, nor a PDF of an attachment that is gone.
 */
export async function buildAttachmentPdfs(index: ContentIndex): Promise<number> {
  const target = compiledAttachmentsDir();
  const fresh = `${target}.${process.pid}.tmp`;
  fs.rmSync(fresh, { recursive: true, force: true });
  let count = 0;
  for (const material of index.materials) {
    for (const attachment of material.attachments) {
      const pdf = await printAttachment(material, attachment);
      fs.mkdirSync(path.join(fresh, material.slug), { recursive: true });
      fs.writeFileSync(path.join(fresh, material.slug, attachment.fileName), pdf.bytes);
      attachment.pdf = { pages: pdf.pages, bytes: pdf.bytes.length };
      count += 1;
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const old = `${target}.${process.pid}.old`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  if (fs.existsSync(fresh)) fs.renameSync(fresh, target);
  fs.rmSync(old, { recursive: true, force: true });
  return count;
}

export interface AttachmentLink {
  title: string;
  url: string;
  /** Said next to the link ("PDF, 2 sidor"), so a teacher knows what they print. */
  pages: number;
}

/** The material's attachments as links for its page. */
export async function attachmentLinks(material: Material): Promise<AttachmentLink[]> {
  return Promise.all(
    material.attachments.map(async (attachment) => ({
      title: attachment.title,
      url: attachmentUrl(material, attachment),
      pages: attachment.pdf?.pages ?? (await attachmentPdf(material, attachment)).pages,
    })),
  );
}
