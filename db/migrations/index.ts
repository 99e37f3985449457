// SPDX-License-Identifier: EUPL-1.2
// Listed explicitly rather than read from the folder, so that migrations run the same
// from tsx scripts, the bundled server and tests. Names sort in the order they apply.
import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_learning";
import * as m0003 from "./0003_material_use";
import * as m0004 from "./0004_certification";
import * as m0005 from "./0005_followup_reports";
import * as m0006 from "./0006_training_sessions";
import * as m0007 from "./0007_prior_training";
import * as m0008 from "./0008_retention";
import * as m0009 from "./0009_joint_session_consent";
import * as m0010 from "./0010_progress_summary";
import * as m0011 from "./0011_progress_module_municipality";
import * as m0012 from "./0012_promises";
import * as m0013 from "./0013_municipal_identity";
import * as m0014 from "./0014_quiz_attempts";
import * as m0015 from "./0015_invitation_credits";
import * as m0016 from "./0016_credentials";
import * as m0017 from "./0017_second_factor";
import * as m0018 from "./0018_identity_providers";
import * as m0019 from "./0019_saml_providers";
import * as m0020 from "./0020_commitment_guides";

export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_learning": m0002,
  "0003_material_use": m0003,
  "0004_certification": m0004,
  "0005_followup_reports": m0005,
  "0006_training_sessions": m0006,
  "0007_prior_training": m0007,
  "0008_retention": m0008,
  "0009_joint_session_consent": m0009,
  "0010_progress_summary": m0010,
  "0011_progress_module_municipality": m0011,
  "0012_promises": m0012,
  "0013_municipal_identity": m0013,
  "0014_quiz_attempts": m0014,
  "0015_invitation_credits": m0015,
  "0016_credentials": m0016,
  "0017_second_factor": m0017,
  "0018_identity_providers": m0018,
  "0019_saml_providers": m0019,
  "0020_commitment_guides": m0020,
};
