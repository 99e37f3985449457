import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Coachportalen – utbildning för ANDTS-coacher" }];

export default function Index() {
  return (
    <div className="prose-page">
      <h1>Coachportalen</h1>
      <p className="text-lg">
        Här utbildas kommunernas ANDTS-coacher: personal och ideella som möter unga och vill förebygga alkohol, narkotika,
        dopning, tobak och nikotin samt spel om pengar.
      </p>
    </div>
  );
}
