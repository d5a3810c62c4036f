/**
 * 导入申报表 / 导出申报表 of the year's 绩效目标 (see `composables/useWorkbook.ts`). Imported targets
 * arrive as the units' submissions (一上, or 二上 after a return).
 */
import { targetsApi } from '../../api/targets'
import { useWorkbook } from '../../composables/useWorkbook'

export function useTargetsExchange(year: () => number, onImported: () => unknown) {
  return useWorkbook({
    name: '绩效目标申报表',
    fileName: () => `绩效目标申报表_${year()}年度.xlsx`,
    import: (path) => targetsApi.import(path, year()),
    export: (path) => targetsApi.export(path, year()),
    exportedText: (n) => `已导出 ${n} 条三级指标`,
    importedText: (r) =>
      `导入完成：读取 ${r.rows} 行；新增目标 ${r.created} 个，更新 ${r.updated} 个，未变化 ${r.unchanged} 个`,
    onImported,
  })
}
