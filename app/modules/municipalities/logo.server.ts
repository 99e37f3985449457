// SPDX-License-Identifier: EUPL-1.2
// A municipality's logo, as it is uploaded by a coordinator or an admin and shown on its pages,
// in its emails and on its certificates (issue #15, docs/decisions/025-municipal-identity.md).
// What arrives is untrusted: the type is decided by the bytes, never by the name or the browser.
//  - PNG and JPEG are decoded and encoded anew with sharp (libvips): what we serve is pixels we
//    wrote, without metadata (EXIF can hold a position) or anything appended to the file.
//  - SVG is sanitized with DOMPurify's SVG profile: no script, no event handler, no foreignObject,
//    no link or reference outside the image itself, no style sheet (CSS can load addresses). A
//    document type or entity declaration is refused outright: it cannot be parsed safely.
// sharp (libvips), jsdom and DOMPurify are loaded when a logo is handled, not when a worker
// starts: they are large, and every page view would otherwise carry them in each worker's heap.
type Purifier = ReturnType<(typeof import("dompurify"))["default"]>;

export const MAX_LOGO_BYTES = 1024 * 1024;
/** Wide enough for a sharp header and a certificate at print resolution, small enough for every page. */
const MAX_RASTER_SIDE = 1200;
/** A decompression bomb stops here: libvips refuses larger images before decoding them. */
const MAX_INPUT_PIXELS = 40_000_000;

export type LogoType = "image/png" | "image/jpeg" | "image/svg+xml";

export interface Logo {
  contentType: LogoType;
  data: Uint8Array;
  width: number | null;
  height: number | null;
}

export type LogoResult = { ok: true; logo: Logo } | { ok: false; message: string };

const NOT_AN_IMAGE = "Filen är ingen bild som går att använda. Välj en PNG-, JPEG- eller SVG-fil.";

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The kind of image the bytes are, or null: a PNG or JPEG by its signature, an SVG by its root element. */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  const text = decodeText(bytes);
  if (text === null) return null;
  // An XML declaration, comments and a document type may come first; the first element must be
  // <svg. (A document type makes it an SVG that sanitizeSvg refuses, with a message that says why.)
  const start = text
    .replace(/^\uFEFF/, "")
    .replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>)\s*)*/i, "");
  return /^<svg[\s>]/i.test(start) ? "image/svg+xml" : null;
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

async function reencodeRaster(bytes: Uint8Array, type: "image/png" | "image/jpeg"): Promise<LogoResult> {
  const { default: sharp } = await import("sharp");
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate() // Applies the EXIF orientation before the metadata goes.
      .resize({ width: MAX_RASTER_SIDE, height: MAX_RASTER_SIDE, fit: "inside", withoutEnlargement: true });
    const { data, info } = await (type === "image/png" ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 90, mozjpeg: true })).toBuffer({
      resolveWithObject: true,
    });
    return { ok: true, logo: { contentType: type, data: new Uint8Array(data), width: info.width, height: info.height } };
  } catch {
    return { ok: false, message: "Bilden gick inte att läsa. Den kan vara skadad eller för stor. Spara den på nytt och försök igen." };
  }
}

let purifier: Purifier | null = null;

/** One DOMPurify over one jsdom window for the process: making a window costs tens of milliseconds. */
async function svgPurifier(): Promise<Purifier> {
  if (purifier) return purifier;
  const [{ JSDOM }, { default: DOMPurify }] = await Promise.all([import("jsdom"), import("dompurify")]);
  const { window } = new JSDOM("");
  purifier = DOMPurify(window as unknown as Parameters<typeof DOMPurify>[0]);
  // A reference may only point inside the image (#id); anything else could load or link elsewhere.
  purifier.addHook("afterSanitizeAttributes", (node) => {
    for (const name of ["href", "xlink:href"]) {
      const value = node.getAttribute(name);
      if (value !== null && !value.trim().startsWith("#")) node.removeAttribute(name);
    }
    // url() in a presentation attribute or inline style can fetch an address too.
    for (const attribute of [...node.attributes]) {
      if (/url\s*\(/i.test(attribute.value) && !/url\s*\(\s*['"]?#/i.test(attribute.value)) node.removeAttribute(attribute.name);
    }
  });
  return purifier;
}

/** The SVG made safe, or why it cannot be. */
export async function sanitizeSvg(text: string): Promise<{ ok: true; svg: string } | { ok: false; message: string }> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, message: "SVG-filen innehåller en dokumenttyp eller entiteter och kan inte göras säker. Exportera den på nytt som en vanlig SVG." };
  }
  const clean = (await svgPurifier()).sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["style", "foreignObject", "script", "a", "image"],
    FORBID_ATTR: ["style"],
    RETURN_TRUSTED_TYPE: false,
  });
  if (!/^<svg[\s>]/i.test(clean.trim())) return { ok: false, message: NOT_AN_IMAGE };
  return { ok: true, svg: clean.trim() };
}

/** Checks and rewrites an uploaded logo; refuses anything that is not a usable PNG, JPEG or SVG of at most 1 MB. */
export async function prepareLogo(file: { size: number; bytes: Uint8Array }): Promise<LogoResult> {
  if (file.size === 0) return { ok: false, message: "Välj en bildfil." };
  if (file.size > MAX_LOGO_BYTES) return { ok: false, message: "Logotypen får vara högst 1 MB. Spara den i en mindre storlek och försök igen." };
  const type = sniffLogoType(file.bytes);
  if (type === null) return { ok: false, message: NOT_AN_IMAGE };
  if (type !== "image/svg+xml") return reencodeRaster(file.bytes, type);
  const sanitized = await sanitizeSvg(decodeText(file.bytes)!);
  if (!sanitized.ok) return sanitized;
  return { ok: true, logo: { contentType: type, data: new TextEncoder().encode(sanitized.svg), width: null, height: null } };
}
