/**
 * 导出填报表 / 导入填报表 of one round (see `composables/useWorkbook.ts`): the round's 监控情况表
 * workbook for units to fill offline, and reading it back.
 */
import { monitoringApi } from '../../api/monitoring'
import { lockedAndSubmittedText, useWorkbook } from '../../composables/useWorkbook'

export function useMonitoringExchange(
  roundId: () => string,
  title: () => string,
  onImported: () => unknown,
  year?: () => number,
) {
  return useWorkbook({
    name: '监控情况表',
    fileName: () => `监控情况表_${title()}.xlsx`,
    import: (path, submit, unit) => monitoringApi.import(path, roundId(), submit, unit),
    unitsYear: year,
    submitChoice: '勾选后，填写完整的监控情况表同时提交；不勾选则只保存，由单位在界面上提交。',
    export: (path) => monitoringApi.export(path, roundId()),
    exportedText: (n) => `已导出 ${n} 行`,
    importedText: (r) =>
      `导入完成：读取 ${r.rows} 行；更新 ${r.updated} 张情况表，未变化 ${r.unchanged} 张` + lockedAndSubmittedText(r),
    onImported,
  })
}
