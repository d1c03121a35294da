import Database from 'better-sqlite3';
const time = (db: any, name: string, sql: string) => {
  const t = performance.now();
  let n = 0;
  for (const r of db.prepare(sql).raw().iterate()) n++;
  console.log(name, Math.round(performance.now() - t), n);
};
const SQL = `SELECT an.id, an.article_id, ar.outlet, ar.title, ar.url, ar.published, an.tag, an.start, an."end", an.quote, an.prefix, an.suffix, an.note, an.speaker, an.author, an.created_at FROM annotations an JOIN articles ar ON ar.id = an.article_id ORDER BY an.article_id, an.start, an.id`;
const a = new Database(process.argv[2]!, { readonly: true });
time(a, 'plain', SQL);
time(a, 'plain again', SQL);
const b = new Database(process.argv[2]!, { readonly: true });
b.pragma('mmap_size = 1073741824');
time(b, 'mmap', SQL);
const c = new Database(process.argv[2]!, { readonly: true });
c.pragma('cache_size = -65536');
time(c, 'cache64M', SQL);
time(a, 'noorder', SQL.replace(/ORDER BY.*/, ''));
