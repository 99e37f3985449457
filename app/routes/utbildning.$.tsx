// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/access/permissions.server";
import { requireLearner } from "~/modules/learning/access.server";

// An address under /utbildning that no page answers: a 404 inside the area, so that its error
// boundary (utbildning.tsx) keeps the learner's navigation. Others are stopped first, as on
// every page of the area.
export async function loader(args: LoaderFunctionArgs) {
  await requireLearner(args);
  notFound();
}

// Never rendered (the loader always throws); without a component this would be a resource route,
// whose errors bypass the error boundaries.
export default function UnknownTrainingPage() {
  return null;
}
