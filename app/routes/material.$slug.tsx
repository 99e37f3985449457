// SPDX-License-Identifier: EUPL-1.2
import { SourcesSection } from "~/components/SourcesSection";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getContent } from "~/content/content.server";
import { SLUG_PATTERN } from "~/content/schema";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { getOptionalUser, notFound, requireUser } from "~/modules/access/permissions.server";
import { attachmentLinks } from "~/modules/materials/attachments.server";
import { findMaterial, mayRead } from "~/modules/materials/catalog.server";
import { AUDIENCE_LABELS, KIND_LABELS, labelOf, listLabels, minutesLabel, TOPIC_LABELS } from "~/modules/materials/labels";
import { countMaterialUse } from "~/modules/materials/usage.server";
import { fillLocalTexts, hasLocalPlaces, localTextsOf } from "~/modules/municipalities/local-text.server";
import { MaterialContacts } from "~/components/ContactCards";
import { ReviewNote } from "~/components/ReviewNote";
import { readerMunicipality, reviewNoteFor } from "~/modules/content-review/approvals.server";
import { materialContacts } from "~/modules/municipalities/contact-cards.server";
import { getDb } from "~db/client.server";
import { PrintButton } from "~/components/PrintButton";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.material.title} – Material – Coachportalen` : "Material – Coachportalen" }];

// A public material may be carried by a CDN for visitors without an account (app/modules/caching/http-cache.server.ts).
// Its views are still counted on every request that reaches the server, revalidations (304) too.
export const headers = publicPageHeaders;

const paramsSchema = z.object({ slug: z.string().regex(SLUG_PATTERN) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser({ request, context });
  const parsed = paramsSchema.safeParse(params);
  const material = parsed.success ? findMaterial(getContent().materials, parsed.data.slug) : undefined;
  if (!material) notFound("Materialet finns inte. Det kan ha fått ett nytt namn eller tagits bort.");
  // Staff material asks for an account, and comes back here after signing in.
  if (!mayRead(material, user !== null)) await requireUser({ request, context });

  await countMaterialUse(getDb(), { material: material.slug, user, userAgent: request.headers.get("user-agent"), kind: "view" });
  const { slug, title, summary, topics, audience, kind, minutes, visibility, review, sources, sourcesCheckedOn } = material;
  // A member reads their municipality's own text in the material's places for it; anyone else the pointer to it.
  const html = hasLocalPlaces(material.html)
    ? fillLocalTexts(material.html, user?.municipalityId ? await localTextsOf(getDb(), user.municipalityId, material.html) : null)
    : material.html;
  return cacheableData(
    request,
    {
      material: { slug, title, summary, topics, audience, kind, minutes, visibility, sources, sourcesCheckedOn, html },
      reviewNote: await reviewNoteFor(getDb(), {
        municipality: await readerMunicipality({ request, context }),
        content: getContent(),
        kind: "material",
        slug,
        review,
      }),
      attachments: await attachmentLinks(material),
      contacts: await materialContacts(getDb(), { member: user, chosenSlug: new URL(request.url).searchParams.get("kommun") }),
    },
    { personalized: user !== null || visibility !== "public" },
  );
}

const pagesLabel = (pages: number) => (pages === 1 ? "1 sida" : `${pages} sidor`);

// window.print needs JavaScript; until it has loaded, the page says how to print without it.
export default function MaterialPage() {
  const { material, attachments, reviewNote, contacts } = useLoaderData<typeof loader>();
  return (
    <article className="prose-page print:max-w-none">
      <p className="mb-4 print:hidden">
        <Link to="/material">Alla material</Link>
      </p>
      <h1>{material.title}</h1>
      <p className="mt-2 mb-4 text-lg">{material.summary}</p>

      <dl className="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Typ</dt>
        <dd>{labelOf(KIND_LABELS, material.kind)}</dd>
        <dt className="font-semibold">Tid</dt>
        <dd>{minutesLabel(material.minutes)}</dd>
        <dt className="font-semibold">Målgrupp</dt>
        <dd>{listLabels(AUDIENCE_LABELS, material.audience)}</dd>
        <dt className="font-semibold">Ämne</dt>
        <dd>{listLabels(TOPIC_LABELS, material.topics)}</dd>
      </dl>
      <ReviewNote note={reviewNote} />
      {material.visibility === "staff" ? <p className="badge mb-4">För skolpersonal: dela inte vidare till elever eller föräldrar</p> : null}

      <div className="mb-6 print:hidden">
        <PrintButton />
      </div>

      {attachments.length > 0 ? (
        <section aria-labelledby="attachments-heading" className="card mb-8 print:hidden">
          <h2 id="attachments-heading" className="!mt-0">
            Bilagor
          </h2>
          <ul className="!mb-0">
            {attachments.map((attachment) => (
              <li key={attachment.url}>
                <a href={attachment.url} download>
                  {attachment.title}
                </a>{" "}
                <span className="text-sm text-muted">(PDF, {pagesLabel(attachment.pages)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {/* The text's own subheadings: the shared prose styles stop at h2. */}
      <div className="[&_h3]:mt-6 [&_h3]:mb-1 [&_h3]:text-lg [&_h3]:font-semibold print:[&_h2]:break-after-avoid print:[&_h3]:break-after-avoid" dangerouslySetInnerHTML={{ __html: material.html }} />

      <SourcesSection sources={material.sources} checkedOn={material.sourcesCheckedOn} />
      <MaterialContacts contacts={contacts} />
    </article>
  );
}
