/**
 * The rooms and the one direction they depend in (docs/architecture.md draws the same picture).
 * From the ground up: contract → corpus → ingest → matching → exchange → api (the wiring) → shells
 * (cli, server, electron, launcher). A room imports only rooms below it; the renderer imports only the
 * contract; only the Electron shell imports electron. `npm run lint` runs these rules and CI fails on any.
 */
const DOMAIN_ORDER = ['contract', 'corpus', 'ingest', 'matching', 'exchange'];

/** For each domain room, the rooms above it, which it must not import. */
const upwardRules = DOMAIN_ORDER.map((room, i) => ({
  name: `${room}-imports-only-below`,
  comment: `main/${room} may import only ${['contract', ...DOMAIN_ORDER.slice(1, i)].join(', ') || 'nothing of main'}.`,
  severity: 'error',
  from: { path: `^main/${room}/` },
  to: { path: `^main/(${[...DOMAIN_ORDER.slice(i + 1), 'api', 'sync', 'hub', 'cli', 'server', 'electron', 'launcher'].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'contract-is-runtime-free',
      comment: 'The contract is shared by main and renderer: schemas, types, limits and errors only.',
      severity: 'error',
      from: { path: '^main/contract/' },
      to: { path: '^main/(?!contract/)', pathNot: '^main/contract/' },
    },
    {
      name: 'wiring-below-shells',
      comment: 'main/api (handlers, dispatch, session, downloads) never imports a shell.',
      severity: 'error',
      from: { path: '^main/api/' },
      to: { path: '^main/(cli|server|electron|launcher|hub)/' },
    },
    {
      name: 'shells-talk-to-the-wiring',
      comment: 'The CLI, browser-mode server and Electron shell reach the domain only through main/api and the contract.',
      severity: 'error',
      from: { path: '^main/(cli|server|electron)/' },
      to: { path: '^main/(corpus|ingest|matching|exchange)/' },
    },
    {
      name: 'renderer-imports-only-the-contract',
      comment: 'The renderer reaches main only through the typed contract.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/', pathNot: '^main/contract/' },
    },
    {
      name: 'renderer-loads-the-schemas-apart',
      comment:
        'The contract schemas (and zod) load beside the first screen, from renderer/api/contractSchemas.ts only: anywhere else the renderer takes types from contract.ts and values from vocabulary.ts, or the first script grows by the whole of zod.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/api/contractSchemas\\.ts$' },
      to: { path: '^main/contract/contract\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-the-electron-shell-imports-electron',
      severity: 'error',
      from: { path: '^(main|renderer)/', pathNot: '^main/electron/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'no-circular',
      comment: 'A circle, even of types only, means two modules are one room or one of them is misplaced.',
      severity: 'error',
      from: { path: '^(main|renderer)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|release|node_modules)/' },
  },
};
