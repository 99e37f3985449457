// SPDX-License-Identifier: EUPL-1.2
// A material's attachments, served from content/materials/bilagor/. Only a file that the
// material's own frontmatter names can be fetched, so a URL cannot reach any other file.
import fs from "node:fs";
import path from "node:path";
import { contentDir, type Attachment, type Material } from "~/content/content.server";
import { withoutDiacritics } from "./search.server";

const ATTACHMENT_DIR = "bilagor";

const CONTENT_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".odp": "application/vnd.oasis.opendocument.presentation",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The file name an attachment has in its URL: /material/:slug/bilagor/:file. */
export function attachmentFileName(attachment: Attachment): string | null {
  const normalised = path.posix.normalize(attachment.file);
  const [dir, name, ...rest] = normalised.split("/");
  return dir === ATTACHMENT_DIR && name && rest.length === 0 ? name : null;
}

export function attachmentUrl(material: Pick<Material, "slug">, attachment: Attachment): string | null {
  const name = attachmentFileName(attachment);
  return name ? `/material/${material.slug}/bilagor/${encodeURIComponent(name)}` : null;
}

export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

/** "Arbetsblad.txt" in both forms of RFC 6266, so every browser saves it under its real name. */
export function contentDisposition(fileName: string): string {
  const ascii = withoutDiacritics(fileName).replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface AttachmentFile {
  attachment: Attachment;
  fileName: string;
  bytes: Buffer;
}

/** The attachment the material declares under this file name, read from disk; null otherwise. */
export function readAttachment(material: Material, fileName: string): AttachmentFile | null {
  const attachment = material.attachments.find((a) => attachmentFileName(a) === fileName);
  if (!attachment) return null;
  const dir = path.join(contentDir(), "materials", ATTACHMENT_DIR);
  const file = path.join(dir, fileName);
  if (path.dirname(file) !== dir) return null;
  try {
    return { attachment, fileName, bytes: fs.readFileSync(file) };
  } catch {
    return null;
  }
}

export interface AttachmentLink {
  title: string;
  url: string;
  /** "TXT", "PDF": said next to the link, so nobody opens a file they cannot read. */
  format: string;
  bytes: number | null;
}

/** The material's attachments as links for its page. */
export function attachmentLinks(material: Material): AttachmentLink[] {
  const dir = path.join(contentDir(), "materials", ATTACHMENT_DIR);
  return material.attachments.flatMap((attachment) => {
    const name = attachmentFileName(attachment);
    const url = attachmentUrl(material, attachment);
    if (!name || !url) return [];
    let bytes: number | null = null;
    try {
      bytes = fs.statSync(path.join(dir, name)).size;
    } catch {
      bytes = null;
    }
    return [{ title: attachment.title, url, format: path.extname(name).slice(1).toUpperCase(), bytes }];
  });
}
