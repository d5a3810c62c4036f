/**
 * The 目标总览 donut of units by status. Labels sit outside the ring with room on both sides: the
 * legend goes below the ring (not beside it, where it squeezed the labels to 「二…」) and labels
 * are never truncated.
 */
import type { StatusCount } from '../../api/bindings/StatusCount'

export function pieOption(counts: StatusCount[], colors: Record<string, string>) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    legend: { orient: 'horizontal', bottom: 0, left: 'center' },
    series: [
      {
        type: 'pie',
        radius: ['32%', '56%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b} {c}', overflow: 'none', minMargin: 4 },
        labelLine: { length: 8, length2: 8 },
        data: counts
          .filter((c) => c.count > 0)
          .map((c) => ({ name: c.status, value: c.count, itemStyle: { color: colors[c.status] } })),
      },
    ],
  }
}
