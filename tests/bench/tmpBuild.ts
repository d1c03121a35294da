import { buildExportCorpus } from './ioCorpus.ts';
buildExportCorpus(process.argv[2]!, 1_000_000, 1_000);
