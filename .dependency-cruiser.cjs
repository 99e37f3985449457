// SPDX-License-Identifier: EUPL-1.2
// The layers the README describes (a reader knows from a file's path what it may touch),
// checked by `npm run structure:deps` in every `npm test`: no import circles, app/lib imports
// nothing of ours, modules never import routes, and migrations are frozen (no app code).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: modules call each other through a third, smaller module instead. Type-only imports vanish at run time and do not count.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "lib-imports-nothing-of-ours",
      severity: "error",
      comment: "app/lib holds small helpers shared by server and browser: they may use each other and packages, nothing else of ours.",
      from: { path: "^app/lib/" },
      to: { path: "^(app|db|server|scripts|content)/", pathNot: "^app/lib/" },
    },
    {
      name: "modules-never-import-routes",
      severity: "error",
      comment: "Routes call modules, never the other way round.",
      from: { path: "^app/modules/" },
      to: { path: "^app/routes/" },
    },
    {
      name: "migrations-import-no-app-code",
      severity: "error",
      comment:
        "Migrations are frozen in time: the app's code changes, what a migration did must not. db/frozen/ holds data frozen with them (the signed promise migration 0012 moves).",
      from: { path: "^db/migrations/" },
      to: { path: "^(app|server|scripts)/|^db/(?!migrations/|frozen/)" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing: a misspelt path or a package that is not installed.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|build-[^/]*|node_modules|test-results|playwright-report|data|\\.tools)/" },
    // Type-only imports are seen too, so a type from a route still counts against a module.
    tsPreCompilationDeps: true,
    // The ~/ and ~db/ aliases.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
