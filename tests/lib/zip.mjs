// zip.mjs: builds SCORM test zips at run time with Python's zipfile (the zip command may not be
// installed): a fixture folder, plus extra entries that may be hostile (a "../" name, a symbolic
// link, a huge run of zeros, random bytes that do not compress).
import { spawnSync } from 'node:child_process';

const SCRIPT = `
import json, os, sys, zipfile
src, out, extra = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    if src:
        for root, dirs, files in os.walk(src):
            for f in sorted(files):
                full = os.path.join(root, f)
                z.write(full, os.path.relpath(full, src))
    for e in extra:
        info = zipfile.ZipInfo(e['name'])
        info.compress_type = zipfile.ZIP_DEFLATED
        if e.get('symlink'):
            info.external_attr = (0o120777 << 16)
        data = b'\\0' * e['zeros'] if 'zeros' in e else os.urandom(e['random']) if 'random' in e else e.get('data', '')
        z.writestr(info, data)
`;

// Writes out (a .zip path) from the folder src (or none: '') and extra entries
// ({ name, data } | { name, symlink: true, data: target } | { name, zeros: N } | { name, random: N }).
export function makeZip(src, out, extra = []) {
  const r = spawnSync('python3', ['-c', SCRIPT, src, out, JSON.stringify(extra)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 zipfile failed: ${r.stderr}`);
  return out;
}
