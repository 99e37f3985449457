// SPDX-License-Identifier: EUPL-1.2
// The places in the content where a municipality writes its own text (`::lokalt{namn}` on a line
// of its own, docs/content-format.md). The content check refuses a name not listed here, and the
// coordinator's page (/samordnare/lokalt) offers exactly these, with what each is for.
export const LOCAL_SLOTS = {
  orosanmalan: {
    title: "Så gör du en orosanmälan hos oss",
    hint: "Vart en orosanmälan görs i kommunen, hur (telefon, e-tjänst, blankett) och vad som händer sedan.",
  },
  "skolans-kontakter": {
    title: "Skolans kontakter",
    hint: "Vem på skolan en coach eller lärare pratar med: elevhälsa, kurator, skolsköterska, rektor.",
  },
  "stod-unga-och-foraldrar": {
    title: "Dit kan unga och föräldrar vända sig",
    hint: "Mottagningar, fältassistenter, föräldrastöd och stödlinjer i och nära kommunen.",
  },
} as const satisfies Record<string, { title: string; hint: string }>;

export type LocalSlot = keyof typeof LOCAL_SLOTS;

export function isLocalSlot(name: string): name is LocalSlot {
  return Object.hasOwn(LOCAL_SLOTS, name);
}

/** `::lokalt{namn}`: the whole paragraph, nothing else on the line. */
export const LOCAL_DIRECTIVE = /^::lokalt\{([^}]*)\}$/;

/**
 * `::medborgarlofte`: where the reader's municipality's current medborgarlöfte is shown, from
 * the promise data (focus areas, period, the public follow-up), so that a lesson speaks of the
 * promise in general and never goes out of date when a new period starts (issue #17).
 */
export const PROMISE_DIRECTIVE = /^::medborgarlofte$/;
