// SPDX-License-Identifier: EUPL-1.2
// What `npm run demo` sets before it starts the server, and how it shows the build: kept apart
// from scripts/demo.mjs so that tests can check them without building or serving anything.

/**
 * The server's environment in the demo. Its passwords are printed and in the README, so it
 * listens on this machine alone unless HOST says otherwise; the second factor is off so that the
 * passwords alone sign in (README, REQUIRE_MFA); links in emails and on certificates point to the
 * port it serves on unless APP_URL is set.
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string | undefined>}
 */
export function demoEnvironment(env) {
  const port = env.PORT || "3000";
  return {
    NODE_ENV: "production",
    ...env,
    PORT: port,
    HOST: env.HOST || "127.0.0.1",
    REQUIRE_MFA: env.REQUIRE_MFA ?? "false",
    APP_URL: env.APP_URL || `http://localhost:${port}`,
  };
}

/**
 * What the demo prints about where it listens and where its links point, last before the server's
 * own lines, so that a new user sees the address and how to change it.
 * @param {Record<string, string | undefined>} env the result of demoEnvironment
 * @returns {string[]}
 */
export function demoAddressLines(env) {
  const local = env.HOST === "127.0.0.1" || env.HOST === "localhost" || env.HOST === "::1";
  return [
    `Coachportalen: http://localhost:${env.PORT}  (avsluta med Ctrl+C)`,
    local
      ? `Servern svarar bara på den här datorn (HOST=${env.HOST}), eftersom demolösenordet står i README. Så når andra datorer den: HOST=0.0.0.0 npm run demo`
      : `Servern tar emot anrop från andra datorer (HOST=${env.HOST}): vem som helst som når den kan logga in med demolösenordet.`,
    `Länkar i e-post och på intyg pekar på APP_URL=${env.APP_URL}. Ändra med till exempel APP_URL=https://demo.example.se npm run demo`,
  ];
}

/**
 * One line for a build that worked: Vite's "Generated an empty chunk" warnings and its table of
 * assets say nothing to someone trying the demo. A failed build is printed whole (by the caller).
 * @param {string} output everything the build printed
 * @param {number} seconds
 * @returns {string}
 */
export function buildSummary(output, seconds) {
  const assets = output.split("\n").filter((line) => /^\s*\S+\s+[\d.,]+ kB\b/.test(line)).length;
  return `Appen är byggd (${assets} filer, ${seconds.toFixed(0)} s).`;
}
