/**
 * Runs one export in a process of its own, so that the benchmark can read the
 * exporting process's peak memory without the generator's data in it.
 * Usage: ioExportChild.ts csv|json DB OUT; prints {"ms":…,"cpuMs":…,"maxRssMb":…,"threads":…} on stdout.
 * CPU time is the whole process's, every thread's.
 */
import { openDatabase } from '../../main/corpus/database.ts';
import { exportCsv } from '../../main/exchange/csvExport.ts';
import { exportWebAnnotations } from '../../main/exchange/webAnnotation.ts';

const [format, dbPath, out] = process.argv.slice(2);
const db = openDatabase(dbPath!);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const counts = format === 'csv' ? await exportCsv(db, out!) : await exportWebAnnotations(db, out!);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
db.close();
const threads = 'threads' in counts ? counts.threads : 1;
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, threads, counts }) + '\n');
