// SPDX-License-Identifier: EUPL-1.2
// The municipality's logo: the bytes decide what it is, rasters are re-encoded, and an SVG keeps
// its drawing but loses everything that could run, load or link (issue #15).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_LOGO_BYTES, prepareLogo, sanitizeSvg, sniffLogoType } from "~/modules/municipalities/logo.server";

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (data: Uint8Array) => ({ size: data.length, bytes: data });
const svg = (inner: string, attributes = "") => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;

async function png(width: number, height: number, withExif = false): Promise<Uint8Array> {
  let image = sharp({ create: { width, height, channels: 3, background: "#1d4f91" } }).png();
  if (withExif) image = image.withExif({ IFD0: { Copyright: "Hemlig plats 57.17N 16.02E" } });
  return new Uint8Array(await image.toBuffer());
}

describe("what a file is, by its bytes", () => {
  it("knows PNG, JPEG and SVG, and nothing else", async () => {
    expect(sniffLogoType(await png(2, 2))).toBe("image/png");
    expect(sniffLogoType(new Uint8Array(await sharp({ create: { width: 2, height: 2, channels: 3, background: "#fff" } }).jpeg().toBuffer()))).toBe("image/jpeg");
    expect(sniffLogoType(bytes(`<?xml version="1.0"?>\n<!-- logga -->\n${svg("<rect width='5' height='5'/>")}`))).toBe("image/svg+xml");
    expect(sniffLogoType(bytes("%PDF-1.4 logga.png"))).toBeNull();
    expect(sniffLogoType(bytes("<html><svg></svg></html>"))).toBeNull();
    expect(sniffLogoType(new Uint8Array([0xff, 0xfe, 0x00, 0x3c]))).toBeNull();
  });
});

describe("a raster logo", () => {
  it("is decoded and encoded anew, without its metadata, at most 1200 px on its longer side", async () => {
    const result = await prepareLogo(file(await png(2400, 600, true)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.logo).toMatchObject({ contentType: "image/png", width: 1200, height: 300 });
    const metadata = await sharp(result.logo.data).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(new TextDecoder("latin1").decode(result.logo.data)).not.toContain("Hemlig plats");
  });

  it("drops anything appended after the image", async () => {
    const original = await png(4, 4);
    const polyglot = new Uint8Array([...original, ...bytes("<script>alert(1)</script>")]);
    const result = await prepareLogo(file(polyglot));
    expect(result.ok && new TextDecoder("latin1").decode(result.logo.data).includes("<script>")).toBe(false);
  });

  it("is refused when the bytes claim PNG but do not decode", async () => {
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    expect(await prepareLogo(file(broken))).toEqual({ ok: false, message: expect.stringContaining("gick inte att läsa") });
  });

  it("is refused over 1 MB, and an empty file asks for one", async () => {
    expect(await prepareLogo({ size: MAX_LOGO_BYTES + 1, bytes: new Uint8Array(8) })).toEqual({ ok: false, message: expect.stringContaining("högst 1 MB") });
    expect(await prepareLogo(file(new Uint8Array(0)))).toEqual({ ok: false, message: "Välj en bildfil." });
  });

  it("is refused when it is not an image at all", async () => {
    expect(await prepareLogo(file(bytes("MZ\u0090\u0000 not a picture")))).toEqual({ ok: false, message: expect.stringContaining("ingen bild") });
  });
});

describe("an SVG logo", () => {
  const hostile: Array<[string, string, RegExp]> = [
    ["a script element", svg("<script>alert(document.cookie)</script><rect width='5' height='5'/>"), /script|alert/i],
    ["a CDATA script", svg("<script><![CDATA[fetch('//evil.example')]]></script><circle r='3'/>"), /script|evil/i],
    ["an onload handler on the root", svg("<rect width='5' height='5'/>", " onload=\"alert(1)\""), /onload|alert/i],
    ["an onclick handler", svg("<rect width='5' height='5' onclick='steal()'/>"), /onclick|steal/i],
    ["an event handler in capitals", svg("<rect width='5' height='5' ONMOUSEOVER='x()'/>"), /onmouseover/i],
    ["a javascript: link", svg("<a href='javascript:alert(1)'><rect width='5' height='5'/></a>"), /javascript|<a/i],
    ["an xlink javascript: link", svg("<a xlink:href='javascript:alert(1)'><text>Högsby</text></a>"), /javascript/i],
    ["foreignObject with HTML", svg("<foreignObject><iframe xmlns='http://www.w3.org/1999/xhtml' src='https://evil.example'></iframe></foreignObject>"), /foreignObject|iframe|evil/i],
    ["an external image", svg("<image href='https://tracker.example/pixel.png' width='5' height='5'/>"), /tracker|<image/i],
    ["a use of another document", svg("<use href='https://evil.example/sprite.svg#logo'/>"), /evil/],
    ["a data: reference", svg("<use xlink:href='data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+'/>"), /data:/],
    ["a style sheet that imports", svg("<style>@import url('https://evil.example/x.css'); rect { fill: red }</style><rect width='5' height='5'/>"), /@import|evil|<style/i],
    ["an inline style with url()", svg("<rect width='5' height='5' style=\"fill: url('https://evil.example/fill')\"/>"), /evil/],
    ["a fill that loads an address", svg("<rect width='5' height='5' fill=\"url('https://evil.example/#p')\"/>"), /evil/],
    ["an animate that sets a link", svg("<a><animate attributeName='href' to='javascript:alert(1)'/><text>x</text></a>"), /javascript/i],
    ["a set element that writes an event", svg("<set attributeName='onmouseover' to='alert(1)'/><rect width='5' height='5'/>"), /alert/i],
  ];

  it.each(hostile)("loses %s and keeps its drawing", async (_name, input, forbidden) => {
    const result = await sanitizeSvg(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.svg).not.toMatch(forbidden);
    expect(result.svg.startsWith("<svg")).toBe(true);
  });

  it("keeps a reference inside the image itself", async () => {
    const result = await sanitizeSvg(svg("<defs><linearGradient id='g'><stop offset='0' stop-color='#1d4f91'/></linearGradient></defs><rect width='5' height='5' fill='url(#g)'/>"));
    expect(result.ok && result.svg).toContain('fill="url(#g)"');
  });

  it.each([
    ["a document type with an entity", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${svg("<text>&xxe;</text>")}`],
    ["a billion laughs", `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${svg("<text>&b;</text>")}`],
  ])("is refused with %s, which cannot be made safe", async (_name, input) => {
    expect(await prepareLogo(file(bytes(input)))).toEqual({ ok: false, message: expect.stringContaining("kan inte göras säker") });
  });

  it("comes out of prepareLogo as clean SVG bytes", async () => {
    const result = await prepareLogo(file(bytes(svg("<script>alert(1)</script><rect width='5' height='5' fill='#1d4f91'/>"))));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.logo.contentType).toBe("image/svg+xml");
    const text = new TextDecoder().decode(result.logo.data);
    expect(text).toContain("<rect");
    expect(text).not.toContain("script");
  });
});
