// SPDX-License-Identifier: EUPL-1.2
import { Outlet } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";

// The learner's training pages. No loader: each page checks who may take it (learning/access),
// and the lesson page, the busiest of all, does no extra work for a layout.
export default function TrainingLayout() {
  return <Outlet />;
}

/** An error in this area keeps the site's header and the learner's navigation around it. */
export function ErrorBoundary() {
  return <ErrorPage home={{ to: "/utbildning", label: "Till Min utbildning" }} />;
}
