// SPDX-License-Identifier: EUPL-1.2
// Limits of the coordinator's follow-up forms, shared by the server's checks and the form's attributes.

/** Longest commentary accepted: a few pages of text. */
export const MAX_COMMENTARY_LENGTH = 10_000;
export const MAX_PROMISED_REPORTS = 20;
/** A report's period and the promise's days start no earlier: older dates are typing mistakes. */
export const EARLIEST_REPORT_DAY = "2000-01-01";
