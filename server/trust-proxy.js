// SPDX-License-Identifier: EUPL-1.2
// Which proxies may tell the app a client's address (TRUST_PROXY). The address keys the
// per-address throttles (sign-in, email links, certificate and invitation lookups), so it must
// come from a hop we control, never from what the client wrote.
import net from "node:net";

// Express's own names for address ranges (proxy-addr).
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
// Ways of saying "trust every hop", which makes Express take the left-most X-Forwarded-For entry.
const TRUST_EVERY_HOP = new Set(["true", "yes", "on", "*", "all"]);

const HOW_TO =
  "Ange hur många proxyservrar som står framför servern (till exempel TRUST_PROXY=1 för en lastbalanserare) eller proxyernas adresser " +
  "(IP-adresser eller CIDR-nät, kommaseparerade, eller loopback, linklocal, uniquelocal); lämna TRUST_PROXY tomt om ingen proxy finns.";

/**
 * The value for Express's "trust proxy" setting: a hop count, a list of proxy addresses and
 * ranges, or false when TRUST_PROXY is empty. Anything else is refused with an Error, so that
 * a wrong setting stops the server at start instead of loosening the throttles.
 * @param {string | undefined} value
 * @returns {number | string[] | false}
 */
export function trustProxySetting(value) {
  const text = (value ?? "").trim();
  if (text === "") return false;
  if (/^[1-9][0-9]*$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  if (TRUST_EVERY_HOP.has(text.toLowerCase())) {
    throw new Error(
      `TRUST_PROXY=${text} vägras: vilken klient som helst kan skriva X-Forwarded-For, så begränsningarna per adress (till exempel av inloggningsförsök) skulle gå att kringgå. ${HOW_TO} ` +
        `(TRUST_PROXY=${text} is refused because any client can write X-Forwarded-For; set the number of proxy hops, e.g. 1, or the proxies' addresses.)`,
    );
  }
  throw new Error(
    `TRUST_PROXY=${text} förstås inte. ${HOW_TO} Att lita på alla (TRUST_PROXY=true) vägras, eftersom vilken klient som helst kan skriva X-Forwarded-For. ` +
      `(TRUST_PROXY=${text} is not understood: set the number of proxy hops, e.g. 1, or the proxies' addresses; true is refused because any client can write X-Forwarded-For.)`,
  );
}

function isProxyAddress(entry) {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0) return false;
  const version = net.isIP(address ?? "");
  if (version === 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
