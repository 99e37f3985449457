// SPDX-License-Identifier: EUPL-1.2
// What the promise editor's sections receive from the route: plain data, with the labels the
// server owns (owners, measures) sent along, since the server's label module never reaches the browser.

export interface EditorCommitment {
  id: string;
  wording: string;
  summary: string;
  owner: string;
  ownerLabel: string;
  target: string | null;
  targetCount: number | null;
  measure: string | null;
  measureLabel: string | null;
  /** The guide for citizens the commitment names: its slug, and its title (the slug when the content no longer has it). */
  guide: string | null;
  guideLabel: string | null;
}

export interface EditorFocusArea {
  id: string;
  title: string;
  commitments: EditorCommitment[];
}

export interface EditorPromise {
  id: string;
  title: string;
  policeArea: string;
  periodStart: string;
  periodEnd: string;
  signedOn: string | null;
  promisedReports: number;
  reportingWording: string | null;
  state: "draft" | "published";
  replacesId: string | null;
  replacedById: string | null;
  correctionNote: string | null;
  publishedOn: string | null;
  municipalities: Array<{ id: string; name: string }>;
  hasDocument: boolean;
  focusAreas: EditorFocusArea[];
}

export type Option = { value: string; label: string };

/** The action's answer to one form: its errors, what was typed, and which area or commitment it was about. */
export interface EditorActionData {
  intent: string;
  subject: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/**
 * Field ids for one of the page's many forms. The form whose errors are shown uses the plain
 * `f-<name>` ids the error summary links to; the others get their own prefix, so no id repeats.
 */
export function fieldIds(answer: EditorActionData | undefined, intent: string, subject: string) {
  const active = answer !== undefined && answer.intent === intent && answer.subject === subject;
  return {
    active,
    errors: active ? answer.errors : {},
    value: (name: string, fallback: string | number | null | undefined) => (active && name in answer.values ? answer.values[name]! : String(fallback ?? "")),
    id: (name: string) => (active ? `f-${name}` : `${intent}-${subject || "ny"}-${name}`),
  };
}
