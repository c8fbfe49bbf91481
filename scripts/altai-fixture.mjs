// Makes tests/fixtures/altai-2021-results.csv — real data in format B — from the Altai ВПР
// counts in tests/data/real/ (see the README there): only the spring 2021 rows, as school year
// 2020-2021; school names and municipalities joined from altai_schools.csv by login. The
// output is deterministic (rows in the source's order), UTF-8 with BOM, `;`, CRLF — as
// Russian Excel saves a CSV.
//   node scripts/altai-fixture.mjs            # writes the fixture
//   node scripts/altai-fixture.mjs --check    # fails if the committed fixture differs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const real = join(root, 'tests/data/real');
const out = join(root, 'tests/fixtures/altai-2021-results.csv');

/** Parses the plain comma-separated sources (no quoted fields in them). */
function rows(file) {
  const [head, ...lines] = readFileSync(join(real, file), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const schools = new Map(rows('altai_schools.csv').map((s) => [s.school_login, s]));
const subject = { math: 'математика', rus: 'русский язык' };
const field = (s) => (/[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const lines = [['ОО', 'код ОО', 'муниципалитет', 'учебный год', 'процедура', 'предмет', 'класс', 'участников', '2', '3', '4', '5']];
for (const r of rows('altai_vpr_2020_2021_marks_by_school.csv')) {
  if (r.procedure !== 'VPR_2021_spring') continue;
  const s = schools.get(r.school_login);
  lines.push([s ? s.school_name : r.school_login, r.school_login, s ? s.municipality : '', '2020-2021', 'ВПР',
    subject[r.subject], r.test_grade, r.n, r.n2, r.n3, r.n4, r.n5]);
}
const text = '\uFEFF' + lines.map((l) => l.map(field).join(';')).join('\r\n') + '\r\n';
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error(`altai-fixture: ${out} differs from what the sources give; run node scripts/altai-fixture.mjs`);
    process.exit(1);
  }
  console.error('altai-fixture: up to date');
} else {
  writeFileSync(out, text);
  console.error(`altai-fixture: ${out} (${lines.length - 1} rows)`);
}
