// The printed tables and the issue #10 targets they are checked against.
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
const mib = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MiB` : 'n/a');
const times = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');

/** A target of issue #10: `value` must be at most `limit`. */
export function target(name, value, limit, unit) {
  return { name, value, limit, unit, met: Number.isFinite(value) ? value <= limit : null };
}

const verdict = (t) => (t.met === null ? 'n/a' : t.met ? 'met' : 'NOT MET');
const limit = (t) => `${t.limit}${t.unit === '×' ? '×' : ` ${t.unit}`}`;
const targetCell = (t) => (t ? `≤ ${limit(t)}: ${verdict(t)}` : '');

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function render(r) {
  const out = [];
  const m = r.machine;
  out.push(`ccm ${m.ccmVersion} bench, ${m.date}`);
  out.push(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, load ${m.loadavg.join(' ')}; node ${m.node} (${m.platform}-${m.arch})`);
  out.push('Every figure is a median of whole processes (runs = timed runs, after one untimed run that gives the peak RSS).');
  out.push('Ratios of paired runs are medians of the per-pair ratios; absolute ms depend on the machine, the ratios are what counts.');

  const b = r.startup;
  out.push(table('Process start-up', ['measure', 'median', 'runs', 'peak RSS', 'ratio to node -e 0', 'target'], [
    ['node -e 0', ms(b.nodeMs), b.runs, '', '', ''],
    ['ccm --version', ms(b.versionMs), b.runs, mib(b.versionRssMiB), times(b.versionRatio), targetCell(r.targets.version)],
    ...r.sizes.map((s) => [`ccm build, no-op, W${s.n}`, ms(s.noop.medianMs), s.noop.runs, mib(s.noop.rssMiB), times(s.noop.vsNode),
      s.n === 1000 ? targetCell(r.targets.noopVsNode) : '']),
  ]));

  for (const s of r.sizes) {
    const rssTarget = (t) => (s.n === 1000 ? targetCell(t) : '');
    out.push(table(`W${s.n}: ${s.subagents} subagents + ${s.commands} commands → ${s.outputs} output files, one project`,
      ['measure', 'median', 'runs', 'peak RSS', 'RSS target'], [
        ['full build (outputs set aside)', ms(s.full.medianMs), s.full.runs, mib(s.full.rssMiB), rssTarget(r.targets.rss.full)],
        ['no-op build', ms(s.noop.medianMs), s.noop.runs, mib(s.noop.rssMiB), rssTarget(r.targets.rss.noop)],
        ['one body changed', ms(s.one.medianMs), s.one.runs, mib(s.one.rssMiB), rssTarget(r.targets.rss.one)],
        ['one description changed (its YAML file)', ms(s.oneYaml.medianMs), s.oneYaml.runs, mib(s.oneYaml.rssMiB), rssTarget(r.targets.rss.oneYaml)],
      ]));
  }

  if (r.scaling) {
    out.push(table('Scaling (W10000 runs alternating with W1000 runs)', ['measure', 'ratio', 'pairs', 'target'], [
      ['W10000 full / W1000 full', times(r.scaling.full), r.scaling.runs, targetCell(r.targets.scaling)],
      ['W10000 no-op / W1000 no-op', times(r.scaling.noop), r.scaling.runs, ''],
    ]));
  }

  if (r.watch) {
    const w = r.watch;
    out.push(table('ccm watch --json: save a file → the output file holds the new text', ['repo, file saved', 'p50', 'p95', 'saves', 'build (median of the events\' ms)', 'target'], [
      ['W1000, a body', ms(w.w1000.p50Ms), ms(w.w1000.p95Ms), w.w1000.saves, ms(w.w1000.buildMedianMs), `p50 ${targetCell(r.targets.watchP50)}; p95 ${targetCell(r.targets.watchP95)}`],
      ['W1000, a YAML file', ms(w.w1000Yaml.p50Ms), ms(w.w1000Yaml.p95Ms), w.w1000Yaml.saves, ms(w.w1000Yaml.buildMedianMs), `p50 ${targetCell(r.targets.watchYamlP50)}; p95 ${targetCell(r.targets.watchYamlP95)}`],
      ['examples/team-config, a body', ms(w.example.p50Ms), ms(w.example.p95Ms), w.example.saves, ms(w.example.buildMedianMs), ''],
    ]));
  }

  if (r.rulesync) {
    const v = r.rulesync;
    const row = (label, p, t) => [label, ms(p.ccm.medianMs), ms(p.rulesync.medianMs), p.ccm.runs, times(p.ratio), mib(p.ccm.rssMiB), mib(p.rulesync.rssMiB), targetCell(t)];
    out.push(table(`W1000 vs rulesync ${v.rulesyncVersion} (on node ${v.nodeVersion}; its node -e 0: ${ms(v.nodeMs)}), ${v.outputs} identical output paths`,
      ['measure', 'ccm', 'rulesync', 'pairs', 'ccm / rulesync', 'ccm RSS', 'rulesync RSS', 'target'], [
        row('full build (outputs set aside)', v.full, r.targets.vsFull),
        row('no-op build', v.noop, r.targets.vsNoop),
        row('one body changed', v.one, r.targets.vsOne),
        row('one description changed', v.oneYaml, r.targets.vsOneYaml),
      ]));
  }

  const all = flatTargets(r.targets).filter((t) => t.met !== null);
  out.push(`\nissue #10 targets: ${all.filter((t) => t.met).length} of ${all.length} measured met`
    + (all.some((t) => !t.met) ? ` (not met: ${all.filter((t) => !t.met).map((t) => t.name).join('; ')})` : ''));
  return out.join('\n');
}

export function flatTargets(targets) {
  return Object.values(targets).flatMap((t) => (t && 'limit' in t ? [t] : Object.values(t ?? {})));
}
