// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { requireUser } from "~/modules/access/permissions.server";

// The police partner's pages. Each child loader and action checks again on its own: a parent
// loader does not run for every request a child answers.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser({ request, context }, { roles: ["polis"] });
  return null;
}

export default function PoliceLayout() {
  return <Outlet />;
}

/** An error in this area keeps the site's header and the area's navigation around it. */
export function ErrorBoundary() {
  return <ErrorPage home={{ to: "/polis", label: "Till medborgarlöftena" }} />;
}
