// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DataTable } from "~/components/DataTable";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import type { Review } from "~/content/types";
import { formatDate } from "~/lib/dates";
import { requireCoordinator } from "~/modules/access/permissions.server";

export const meta: MetaFunction = () => [{ title: "Innehåll att granska – Coachportalen" }];

function reviewView(review: Review) {
  return { reviewed: review.status === "granskad", by: review.reviewedBy, at: review.reviewedAt };
}

// Every module starts as a draft (utkast) until a coordinator has checked it against its
// sources; the files say who reviewed what and when, and this page lists what is left.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCoordinator({ request, context });
  const content = getContent();
  const tracks = content.tracks.map((track) => ({
    slug: track.slug,
    title: track.title,
    modules: [...track.modules, ...(track.refresher ? [track.refresher] : [])].flatMap((slug) => {
      const module = content.modules[slug];
      if (!module) return [];
      return [{ slug, title: module.title, refresher: slug === track.refresher, file: `content/modules/${slug}/`, sources: module.sources.length, ...reviewView(module.review) }];
    }),
  }));
  const materials = content.materials.map((m) => ({ slug: m.slug, title: m.title, file: `content/materials/${m.slug}.md`, ...reviewView(m.review) }));
  const waiting = tracks.flatMap((t) => t.modules).filter((m) => !m.reviewed).length + materials.filter((m) => !m.reviewed).length;
  return { tracks, materials, waiting };
}

function ReviewState({ reviewed, by, at }: { reviewed: boolean; by: string | null; at: string | null }) {
  if (!reviewed) return <span className="badge">Väntar på granskning (utkast)</span>;
  return (
    <span>
      Granskad{by ? ` av ${by}` : ""}
      {at ? `, ${formatDate(at)}` : ""}
    </span>
  );
}

export default function ContentReview() {
  const { tracks, materials, waiting } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Innehåll att granska</h1>
      <div className="prose-page">
        <p>
          {waiting === 0
            ? "Allt innehåll är granskat."
            : `${waiting} moduler och material väntar på granskning. De används redan, men har inte kontrollerats mot sina källor av en samordnare.`}
        </p>
        <p>
          Så granskar du: läs modulen i <Link to="/utbildning">utbildningen</Link> eller materialet i{" "}
          <Link to="/material">materialbanken</Link> och kontrollera varje uppgift mot källorna. Den som förvaltar innehållsfilerna
          ändrar sedan <code>review: utkast</code> till <code>review: granskad</code> med <code>reviewedBy</code> och{" "}
          <code>reviewedAt</code> i filen, och kör <code>npm run content:check</code>.
        </p>
      </div>
      {tracks.map((track) => (
        <section key={track.slug} aria-labelledby={`spar-${track.slug}`} className="mt-8">
          <h2 id={`spar-${track.slug}`}>{track.title}</h2>
          <DataTable labelledBy={`spar-${track.slug}`} caption={<>Moduler i {track.title} och deras granskning</>} className="mt-2">
            <thead>
              <tr>
                <th scope="col">Modul</th>
                <th scope="col">Källor</th>
                <th scope="col">Granskning</th>
                <th scope="col">Fil</th>
              </tr>
            </thead>
            <tbody>
              {track.modules.map((m) => (
                <tr key={m.slug}>
                  <th scope="row" className="font-normal">
                    {m.title}
                    {m.refresher ? " (repetition)" : ""}
                  </th>
                  <td>{m.sources}</td>
                  <td>
                    <ReviewState {...m} />
                  </td>
                  <td>
                    <code>{m.file}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ))}
      <section aria-labelledby="material-rubrik" className="mt-8">
        <h2 id="material-rubrik">Material för skolan</h2>
        <DataTable labelledBy="material-rubrik" caption="Material och deras granskning" className="mt-2">
          <thead>
            <tr>
              <th scope="col">Material</th>
              <th scope="col">Granskning</th>
              <th scope="col">Fil</th>
            </tr>
          </thead>
          <tbody>
            {materials.map((m) => (
              <tr key={m.slug}>
                <th scope="row" className="font-normal">
                  <Link to={`/material/${m.slug}`}>{m.title}</Link>
                </th>
                <td>
                  <ReviewState {...m} />
                </td>
                <td>
                  <code>{m.file}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
    </div>
  );
}
