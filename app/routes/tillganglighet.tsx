// SPDX-License-Identifier: EUPL-1.2
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDate } from "~/lib/dates";

export const meta: MetaFunction = () => [{ title: "Tillgänglighetsredogörelse – Coachportalen" }];

// The law requires the statement to say when it was made, when the service was last assessed
// and when the statement was last updated (DIGG's guidance). Everything under "Så har vi bedömt
// tjänsten" is what tests/e2e/accessibility.spec.ts and tests/e2e/keyboard.spec.ts check: change
// this page when those tests change, and move ASSESSED when the assessment is made again.
const STATEMENT_DATE = "2026-11-25";
const ASSESSED = "2026-12-06";
const LAST_UPDATED = "2026-11-25";

const DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan";

export default function AccessibilityStatement() {
  return (
    <div className="prose-page">
      {/* The long compound word does not fit a 320 px screen; <wbr> lets it break without changing its text. */}
      <h1>
        Tillgänglighets<wbr />
        redogörelse
      </h1>
      <p className="text-lg">
        Vi vill att alla ska kunna använda Coachportalen, också den som använder skärmläsare, förstoring, bara tangentbord
        eller en liten skärm. Här berättar vi hur tjänsten uppfyller lagen om tillgänglighet till digital offentlig service,
        vilka problem vi känner till och hur du kan säga till om något inte fungerar.
      </p>

      <h2>Vem ansvarar för tjänsten?</h2>
      <p>
        Tjänsten heter Coachportalen. Den används av kommunerna i deras arbete mot alkohol, narkotika, dopning, tobak och
        spel om pengar (ANDTS). Varje kommun ansvarar för tjänsten när kommunens personal och invånare använder den:
      </p>
      <ul>
        <li>Högsby kommun ansvarar för Coachportalen i Högsby kommun.</li>
        <li>Mönsterås kommun ansvarar för Coachportalen i Mönsterås kommun.</li>
      </ul>

      <h2>Hur tillgänglig är Coachportalen?</h2>
      <p>
        Coachportalen är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig service. Det
        beror på de brister som står under rubriken Kända brister, och på att vi ännu inte har granskat hela tjänsten för
        hand.
      </p>
      <p>Det här vet vi fungerar, eftersom automatiska tester kontrollerar det (mer om testerna längre ner):</p>
      <ul>
        <li>
          Alla sorters sidor, för alla som använder tjänsten, saknar de fel som verktyget axe-core hittar när det kontrollerar
          kraven i WCAG 2.1 på nivå A och AA.
        </li>
        <li>
          Du kan läsa en lektion och göra ett kunskapstest med bara tangentbordet, och som samordnare söka i listan över
          personer och ladda ner den. På vägen visar varje knapp, länk och fält tydligt när det har fokus. Den första länken på
          varje sida hoppar förbi menyn, direkt till innehållet.
        </li>
        <li>
          Sidorna går att läsa på en skärm som bara är 320 pixlar bred, när du förstorar sidan till 200 procent och när du
          bara gör texten dubbelt så stor, utan att du behöver rulla i sidled. Breda tabeller rullar för sig själva.
        </li>
        <li>
          När något är fel i ett formulär visas en sammanfattning av felen överst, med länkar till varje fält, och felet står
          också vid fältet.
        </li>
      </ul>

      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du behöver något från Coachportalen i en annan form, till exempel uppgifterna på ditt intyg eller siffrorna i ett
        diagram, kan du kontakta din kommuns ANDTS-samordnare. Uppgifterna på intyget finns också som text på sidan Mina
        intyg och på sidan <Link to="/verifiera">Kontrollera ett intyg</Link>.
      </p>

      <h2>Kända brister</h2>
      <p>
        När vi hittar ett problem med tillgängligheten skriver vi upp det här tills det är åtgärdat. Just nu känner vi till
        det här:
      </p>
      <h3>Intyget som PDF-fil</h3>
      <p>
        Intyget som du laddar ner som PDF är gjort för att vara tillgängligt: det har en struktur med rubriker, stycken och
        länk, språket är angivet som svenska, texten är riktig text som går att markera, och QR-koden har en beskrivning.
        Automatiska tester kontrollerar att de delarna finns. Vi har däremot inte kontrollerat filen med ett verktyg för
        PDF/UA eller med skärmläsare, så vi vet inte säkert att den uppfyller alla krav. Allt som står på intyget står också
        på sidan Mina intyg och på sidan Kontrollera ett intyg.
      </p>
      <h3>Diagram</h3>
      <p>
        Översikten för samordnare och uppföljningen för invånarna har stapeldiagram. Ett diagram är en bild med en kort
        beskrivning. Den som använder skärmläsare eller tangentbord kan inte gå igenom diagrammets staplar en och en. Alla
        siffror i diagrammet står därför i en tabell direkt under det. Staplarna skiljer sig åt med mönster och inte bara med
        färg. Diagrammen byggs av text och rutor som radbryts: på en 320 pixlar bred skärm och med dubbelt så stor text hamnar
        ingen text över en annan, och det kontrolleras automatiskt. De automatiska testerna kontrollerar inte kontrasten i
        diagrammens grafik, och det har inte heller gjorts för hand.
      </p>
      <h3>Filer att ladda ner</h3>
      <p>
        Samordnare kan ladda ner listor över personer som CSV- och Excel-filer, och den som anmäler sig till en träff får en
        kalenderfil. Bilagorna till materialet för skolan, till exempel arbetsblad, är vanliga textfiler. Vi har inte granskat
        de här filerna mot kraven på tillgängliga dokument.
      </p>
      <h3>Det som testerna inte upptäcker</h3>
      <p>
        Automatiska tester hittar bara en del av alla problem. De kan till exempel inte bedöma om en rubrik, en
        alternativtext eller en länktext är begriplig. Vi har ännu inte granskat hela tjänsten för hand och inte testat den
        med skärmläsare. Det kan därför finnas brister som vi inte känner till än.
      </p>

      <h2>Så har vi bedömt tjänsten</h2>
      <p>
        Vi har bedömt Coachportalen själva (självskattning). En oberoende granskning i december 2026 hittade brister som
        automatiska verktyg inte ser: överlappande text i diagram, id som användes två gånger, felsidor utan rätt titel och
        fokus som försvann efter en åtgärd. De är rättade, och testerna nedan kontrollerar dem sedan dess. Den senaste
        bedömningen gjordes den {formatDate(ASSESSED)}.
      </p>
      <p>
        Bedömningen bygger på automatiska tester som ingår i tjänstens testsvit. Testerna loggar in som varje sorts användare:
        besökare utan konto, ANDTS-coach, skolpersonal, ANDTS-samordnare, polis och administratör. För var och en öppnar de alla
        sorters sidor som den användaren kan se, också formulär där fel visas, kunskapstestet efter att svaren lämnats in,
        översikter med diagram, en sökning i materialet utan träffar och felsidor. På varje sida kontrolleras att
      </p>
      <ul>
        <li>
          verktyget axe-core inte hittar något fel mot kraven i WCAG 2.0 och 2.1 på nivå A och AA
        </li>
        <li>sidan inte behöver rullas i sidled på en skärm som är 320 pixlar bred</li>
        <li>
          sidan inte behöver rullas i sidled när ett fönster som är 1 280 pixlar brett förstoras till 200 procent (det motsvarar
          en skärm som är 640 pixlar bred)
        </li>
        <li>sidan inte behöver rullas i sidled när bara texten görs 200 procent större</li>
        <li>varje tabell ligger i en egen yta med ett namn, som går att rulla i sidled och nå med tangentbordet</li>
        <li>inget id används två gånger på samma sida</li>
        <li>sidans områden (till exempel menyer och avsnitt) av samma slag har olika namn</li>
        <li>en sida som visar ett fel har en titel som säger samma sak som sidans rubrik.</li>
      </ul>
      <p>Andra tester använder bara tangentbordet, utan mus:</p>
      <ul>
        <li>en coach läser klart en lektion och klarar ett kunskapstest</li>
        <li>en samordnare söker fram och filtrerar listan över personer och laddar ner den som fil</li>
        <li>varje knapp, länk och fält som tangentbordet når visar tydligt att det har fokus</li>
        <li>den första länken på sidan hoppar förbi menyn till innehållet</li>
        <li>
          efter en åtgärd, till exempel en anmälan till en träff eller en förhandsgranskning av en import, flyttas fokus till
          meddelandet eller rubriken, och meddelandet läses upp av skärmläsare
        </li>
        <li>när du följer en länk till en annan sida läses sidans titel upp och fokus hamnar på sidans huvudrubrik.</li>
      </ul>
      <p>När innehållet i utbildningen byggs kontrolleras dessutom att varje bild har en alternativtext.</p>

      <h2>Rapportera ett problem</h2>
      <p>
        Har du hittat något som inte fungerar och som inte står på den här sidan? Eller tycker du att vi inte uppfyller
        lagens krav? Säg till, så att vi får veta att problemet finns och kan rätta till det.
      </p>
      <ul>
        <li>
          Har du ett konto i Coachportalen: kontakta din kommuns ANDTS-samordnare. Det är oftast samordnaren som bjöd in
          dig.
        </li>
        <li>Har du inget konto: kontakta din kommun och be att få tala med kommunens ANDTS-samordnare.</li>
      </ul>
      <p>Berätta gärna:</p>
      <ul>
        <li>vilken sida det gäller (adressen i webbläsaren)</li>
        <li>vad du försökte göra och vad som hände</li>
        <li>vilken webbläsare och vilka hjälpmedel du använder, om du vill.</li>
      </ul>

      <h2>Om du inte är nöjd</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service.
        Om du inte är nöjd med hur vi tar hand om det du har rapporterat kan du anmäla det till Digg:{" "}
        <a href={DIGG_COMPLAINT_URL}>anmäl bristande tillgänglighet hos Digg (digg.se/tdosanmalan)</a>.
      </p>

      <h2>Lagen och kraven</h2>
      <p>
        Kommunerna ska följa lag (2018:1937) om tillgänglighet till digital offentlig service. Lagen hänvisar till standarden
        EN 301 549, som för webbsidor innebär att de ska uppfylla WCAG 2.1 på nivå AA. Kraven gäller också dokument som går
        att ladda ner från tjänsten, till exempel PDF-filer.
      </p>
      <p>
        Vi gör inga undantag från kraven i lagen: inget innehåll är undantaget för att en anpassning skulle vara oskäligt
        betungande.
      </p>

      <h2>Om den här redogörelsen</h2>
      <p>
        Redogörelsen skrevs den {formatDate(STATEMENT_DATE)}. Tjänsten bedömdes senast den {formatDate(ASSESSED)}.
        Redogörelsen uppdaterades senast den {formatDate(LAST_UPDATED)}.
      </p>
      <p>
        Hur Coachportalen behandlar personuppgifter står på sidan{" "}
        <Link to="/personuppgifter">Så behandlar vi personuppgifter</Link>.
      </p>
    </div>
  );
}
