/**
 * 导入申报表 / 导出申报表 of the year's 绩效目标 (see `composables/useWorkbook.ts`). Imported targets
 * are saved (编制, or 一下 after a return); with 导入即提交 they become the units' submissions
 * (一上, or 二上 after a return).
 */
import { targetsApi } from '../../api/targets'
import { lockedAndSubmittedText, useWorkbook } from '../../composables/useWorkbook'

export function useTargetsExchange(year: () => number, onImported: () => unknown) {
  return useWorkbook({
    name: '绩效目标申报表',
    fileName: () => `绩效目标申报表_${year()}年度.xlsx`,
    import: (path, submit, unit) => targetsApi.import(path, year(), submit, unit),
    unitsYear: year,
    submitChoice: '勾选后，导入的目标同时提交财政审核（一上，被退回的为二上）；不勾选则只保存，由单位在界面上提交。',
    export: (path) => targetsApi.export(path, year()),
    exportedText: (n) => `已导出 ${n} 条三级指标`,
    importedText: (r) =>
      `导入完成：读取 ${r.rows} 行；新增目标 ${r.created} 个，更新 ${r.updated} 个，未变化 ${r.unchanged} 个` +
      lockedAndSubmittedText(r),
    onImported,
  })
}
