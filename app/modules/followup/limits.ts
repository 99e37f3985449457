// SPDX-License-Identifier: EUPL-1.2
// Limits of the coordinator's follow-up forms, shared by the server's checks and the form's attributes.

/** Longest commentary accepted: a few pages of text. */
export const MAX_COMMENTARY_LENGTH = 10_000;
/** A report's period starts no earlier: older dates are typing mistakes. */
export const EARLIEST_REPORT_DAY = "2000-01-01";
