/** A dependency-free grouped bar chart (SVG) of requests/s per contender and payload for bench/rest/RESULTS.md. */

export interface Bar { group: string; label: string; value: number | undefined }

const COLORS: Record<string, string> = { sluice: '#2b6cb0', fastify: '#c05621', nginx: '#2f855a' };

/** Renders bars grouped by `group`; each group is scaled to its own maximum (payload sizes differ by 30×). */
export function renderChart(bars: Bar[]): string {
  const groups = [...new Set(bars.map((b) => b.group))];
  const labels = [...new Set(bars.map((b) => b.label))];
  const W = 640, H = 300, top = 40, bottom = 50, groupW = (W - 40) / groups.length, barW = Math.min(60, (groupW - 40) / labels.length);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">requests/s (wrk, 1 worker each; higher is better; each payload scaled separately)</text>`];
  groups.forEach((g, gi) => {
    const inGroup = bars.filter((b) => b.group === g);
    const max = Math.max(1, ...inGroup.map((b) => b.value ?? 0));
    const x0 = 20 + gi * groupW + (groupW - barW * labels.length) / 2;
    labels.forEach((l, li) => {
      const v = inGroup.find((b) => b.label === l)?.value;
      const h = v === undefined ? 0 : ((H - top - bottom) * v) / max;
      const x = x0 + li * barW;
      out.push(`<rect x="${x + 4}" y="${H - bottom - h}" width="${barW - 8}" height="${h}" fill="${COLORS[l] ?? '#718096'}"/>`);
      out.push(`<text x="${x + barW / 2}" y="${H - bottom - h - 4}" text-anchor="middle">${v === undefined ? 'n/m' : Math.round(v)}</text>`);
      out.push(`<text x="${x + barW / 2}" y="${H - bottom + 14}" text-anchor="middle">${l}</text>`);
    });
    out.push(`<text x="${20 + gi * groupW + groupW / 2}" y="${H - 12}" text-anchor="middle" font-weight="bold">${g}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
