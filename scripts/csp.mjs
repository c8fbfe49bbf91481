// Writes the sha256 hashes of every inline <script> of a built index.html into its
// Content-Security-Policy (placeholder CSP_SCRIPT_HASHES). Trunk's loader is an inline module
// whose text changes with every build (hashed file names), so the hash is computed here rather
// than allowing 'unsafe-inline'. A nonce would need a server; this works on any static host.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>')))) continue;
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes('CSP_SCRIPT_HASHES')) {
  console.error(`csp.mjs: no CSP_SCRIPT_HASHES placeholder in ${file}`);
  process.exit(1);
}
html = html.replace('CSP_SCRIPT_HASHES', hashes.join(' '));
writeFileSync(file, html);
console.error(`csp.mjs: ${hashes.length} inline script hash(es) written to ${file}`);
