// SPDX-License-Identifier: EUPL-1.2
// TRUST_PROXY says which proxies may tell the server a client's address, the address the
// per-address throttles count. server/trust-proxy.js turns it into Express's "trust proxy".
import { describe, expect, it } from "vitest";
import { trustProxySetting } from "../../server/trust-proxy.js";

describe("TRUST_PROXY", () => {
  it("trusts no proxy when it is unset or empty", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("  ")).toBe(false);
  });

  it("accepts the number of proxy hops in front of the server", () => {
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("2")).toBe(2);
    expect(trustProxySetting(" 1 ")).toBe(1);
  });

  it("accepts the proxies' addresses and networks, and Express's names for address ranges", () => {
    expect(trustProxySetting("10.0.0.5")).toEqual(["10.0.0.5"]);
    expect(trustProxySetting("10.0.0.0/8, 192.168.1.10")).toEqual(["10.0.0.0/8", "192.168.1.10"]);
    expect(trustProxySetting("::1,fd00::/8")).toEqual(["::1", "fd00::/8"]);
    expect(trustProxySetting("loopback")).toEqual(["loopback"]);
    expect(trustProxySetting("loopback, linklocal, uniquelocal")).toEqual(["loopback", "linklocal", "uniquelocal"]);
    expect(trustProxySetting("uniquelocal,203.0.113.0/24")).toEqual(["uniquelocal", "203.0.113.0/24"]);
  });

  it("refuses true, because any client can write the left-most X-Forwarded-For entry that true would trust", () => {
    expect(() => trustProxySetting("true")).toThrow(
      "TRUST_PROXY=true vägras: vilken klient som helst kan skriva X-Forwarded-For, så begränsningarna per adress (till exempel av inloggningsförsök) skulle gå att kringgå. " +
        "Ange hur många proxyservrar som står framför servern (till exempel TRUST_PROXY=1 för en lastbalanserare) eller proxyernas adresser",
    );
    expect(() => trustProxySetting("true")).toThrow("(TRUST_PROXY=true is refused because any client can write X-Forwarded-For; set the number of proxy hops, e.g. 1, or the proxies' addresses.)");
  });

  it("refuses the other ways of saying trust every proxy", () => {
    for (const value of ["TRUE", "yes", "on", "*", "all"]) expect(() => trustProxySetting(value)).toThrow(`TRUST_PROXY=${value} vägras: vilken klient som helst kan skriva X-Forwarded-For`);
  });

  it("refuses what it cannot read, and says how to write it and that true is refused", () => {
    for (const value of ["0", "-1", "1.5", "false", "no", "10.0.0.300", "10.0.0.0/33", "10.0.0.0/8/1", "fd00::/129", "localhost", "loopback, true", "10.0.0.1,,10.0.0.2"]) {
      expect(() => trustProxySetting(value)).toThrow(`TRUST_PROXY=${value} förstås inte. Ange hur många proxyservrar som står framför servern (till exempel TRUST_PROXY=1`);
    }
    expect(() => trustProxySetting("false")).toThrow("Att lita på alla (TRUST_PROXY=true) vägras, eftersom vilken klient som helst kan skriva X-Forwarded-For.");
  });
});
