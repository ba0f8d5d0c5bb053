// install.test.mjs: `make install DESTDIR=... PREFIX=/usr` lays out the binary, the systemd unit
// with its sandbox, the configuration (never replaced once there) and the sample modules; the
// unit passes `systemd-analyze verify` and a sandbox review when systemd-analyze is there (it
// needs no running systemd).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../lib/server.mjs';

function install(destdir) {
  const env = { ...process.env };
  delete env.MAKEFLAGS;
  delete env.MFLAGS;
  delete env.MAKELEVEL;
  const res = spawnSync('make', ['--no-print-directory', 'install', `DESTDIR=${destdir}`, 'PREFIX=/usr'],
    { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stdout + res.stderr);
}

const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

test('make install DESTDIR=... PREFIX=/usr', async (t) => {
  const dest = mkdtempSync(path.join(os.tmpdir(), 'stepwise-install-'));
  try {
    install(dest);
    const bin = path.join(dest, 'usr/bin/stepwise');
    assert.equal(statSync(bin).mode & 0o777, 0o755);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^stepwise \d+\.\d+\.\d+\n$/);

    const unitPath = path.join(dest, 'usr/lib/systemd/system/stepwise.service');
    const unit = readFileSync(unitPath, 'utf8');
    assert.doesNotMatch(unit, /@[A-Z]+@/);
    for (const line of ['ExecStart=/usr/bin/stepwise serve', 'EnvironmentFile=-/etc/stepwise/stepwise.conf',
      'DynamicUser=yes', 'StateDirectory=stepwise stepwise/modules', 'Restart=on-failure',
      'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes',
      'CapabilityBoundingSet=', 'WantedBy=multi-user.target']) {
      assert.ok(unit.split('\n').includes(line), line);
    }
    assert.match(unit, /^Environment=STEPWISE_DB=\/var\/lib\/stepwise\/stepwise\.db STEPWISE_CONTENT=\/var\/lib\/stepwise\/modules$/m);

    const confPath = path.join(dest, 'etc/stepwise/stepwise.conf');
    assert.equal(statSync(confPath).mode & 0o777, 0o640);
    // Every key in the configuration is a variable the server reads.
    const help = (await runCli(['serve', '--help'])).stdout;
    const keys = [...readFileSync(confPath, 'utf8').matchAll(/^#?(STEPWISE_[A-Z_]+)=/gm)].map((m) => m[1]);
    assert.ok(keys.length >= 15, keys.join(' '));
    for (const key of keys) assert.ok(help.includes(key), key);
    assert.ok(existsSync(path.join(dest, 'usr/share/stepwise/modules/safe-lifting/index.md')));

    // Installing again keeps an edited configuration.
    writeFileSync(confPath, 'STEPWISE_PUBLIC_URL=https://learn.example\n');
    install(dest);
    assert.equal(readFileSync(confPath, 'utf8'), 'STEPWISE_PUBLIC_URL=https://learn.example\n');

    if (!hasAnalyze) {
      t.diagnostic('systemd-analyze is not installed: the unit was not verified');
      return;
    }
    // verify checks that ExecStart exists, so it looks at a copy naming the installed binary.
    const copy = path.join(dest, 'stepwise.service');
    writeFileSync(copy, unit.replace('ExecStart=/usr/bin/stepwise', `ExecStart=${bin}`));
    const verify = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', copy], { encoding: 'utf8' });
    const exposure = /Overall exposure level for stepwise\.service: (\d+\.\d+)/.exec(security.stdout);
    assert.ok(exposure, security.stdout + security.stderr);
    assert.ok(Number(exposure[1]) <= 2, `exposure ${exposure[1]}`);
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
});
