// SPDX-License-Identifier: EUPL-1.2
// /guider/:slug: one public guide for citizens with its sources and the day they were checked.
// An unknown guide answers 404.
import { SourcesSection } from "~/components/SourcesSection";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { notFound } from "~/modules/access/permissions.server";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { findGuide, GUIDE_NOT_FOUND } from "~/modules/guides/guides.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.guide.title} – Coachportalen` : "Vägledning – Coachportalen" }];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public: no account, nothing personal.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const guide = findGuide(getContent(), params.slug ?? "");
  if (!guide) notFound(GUIDE_NOT_FOUND);
  const { slug, title, summary, sources, sourcesCheckedOn, html } = guide;
  return cacheableData(request, { guide: { slug, title, summary, sources, sourcesCheckedOn, html } });
}

export default function GuidePage() {
  const { guide } = useLoaderData<typeof loader>();
  return (
    <article className="prose-page">
      <p className="mb-4">
        <Link to="/guider">Alla vägledningar</Link>
      </p>
      <h1>{guide.title}</h1>
      <p className="mt-2 mb-6 text-lg">{guide.summary}</p>
      {/* The text's own subheadings: the shared prose styles stop at h2. */}
      <div className="[&_h3]:mt-6 [&_h3]:mb-1 [&_h3]:text-lg [&_h3]:font-semibold" dangerouslySetInnerHTML={{ __html: guide.html }} />
      <SourcesSection sources={guide.sources} checkedOn={guide.sourcesCheckedOn} />
    </article>
  );
}
