// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/modules/access/permissions.server";

// An address under /polis that no page answers: a 404 inside the area, so that its error
// boundary (polis.tsx) keeps the navigation. Others are stopped first, as on every page of the area.
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { roles: ["polis"] });
  notFound();
}

// Never rendered (the loader always throws); without a component this would be a resource route,
// whose errors bypass the error boundaries.
export default function UnknownPolicePage() {
  return null;
}
