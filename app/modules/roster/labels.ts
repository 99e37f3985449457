// SPDX-License-Identifier: EUPL-1.2
// The roster's statuses and sort orders with their Swedish words: read by the coach list, its
// exports and the audit log's sentences (app/modules/audit/describe.server.ts).

export const ROSTER_STATUSES = ["invited", "not_started", "in_training", "stalled", "certified", "expiring", "expired", "revoked", "deactivated"] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

/** What each status is called wherever a coordinator reads it: lists, filters and exports. */
export const ROSTER_STATUS_LABELS: Record<RosterStatus, string> = {
  invited: "Inbjuden, inget konto ännu",
  not_started: "Har inte börjat",
  in_training: "Under utbildning",
  stalled: "Har stannat av",
  certified: "Certifierad",
  expiring: "Intyget går ut snart",
  expired: "Intyget har gått ut",
  revoked: "Intyget är återkallat",
  deactivated: "Kontot är avaktiverat",
};

export const ROSTER_SORTS = ["name", "progress", "activity", "expiry"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
export const ROSTER_SORT_LABELS: Record<RosterSort, string> = {
  name: "Namn",
  progress: "Framsteg",
  activity: "Senaste aktivitet",
  expiry: "Intygets slutdatum",
};
