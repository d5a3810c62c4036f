import { describe, expect, it } from 'vitest'
import {
  buildEditedRow,
  destinationLabel,
  editFields,
  fieldLabel,
  importResultText,
  previewTotals,
  previewTotalsText,
  progressPercent,
  shortPk,
  valueText,
} from '../src/views/sync/syncText'
import { fileSize } from '../src/utils/fileSize'
import { DESTINATIONS, PREVIEW, RECT_ID, rectConflict } from './syncFixtures'

describe('数据交换 helpers', () => {
  it('labels the export destinations: 全部单位 on the bureau PC, 财政局（全部） on a unit PC, units and PCs with their code', () => {
    expect(DESTINATIONS.map((d) => destinationLabel(d, '财政局'))).toEqual(['全部单位', '河口镇（307）', '大营镇（311）'])
    expect(destinationLabel(DESTINATIONS[0]!, '乡镇')).toBe('财政局（全部）')
    expect(destinationLabel(DESTINATIONS[0]!, '预算单位')).toBe('财政局（全部）')
    expect(
      destinationLabel({ value: 's-x', kind: '站点', name: '城关财政所', code: null, site_kind: '预算单位', last_received_at: null }, '财政局'),
    ).toBe('城关财政所（预算单位）')
  })

  it('names the common columns in Chinese and falls back to the raw column name', () => {
    expect(fieldLabel('name')).toBe('名称')
    expect(fieldLabel('text')).toBe('内容')
    expect(fieldLabel('measure')).toBe('整改措施')
    expect(fieldLabel('summary')).toBe('自评总结')
    expect(fieldLabel('status')).toBe('状态')
    expect(fieldLabel('updated_at')).toBe('修改时间')
    expect(fieldLabel('some_new_column')).toBe('some_new_column')
    expect(valueText(null)).toBe('（空）')
    expect(valueText({ $b64: 'AAEC' })).toBe('（二进制内容）')
    expect(valueText(2026)).toBe('2026')
  })

  it('offers the differing fields prefilled from 本机, knowing which are numbers and which may be empty', () => {
    const fields = editFields(rectConflict())
    expect(fields.map((f) => [f.column, f.label, f.text, f.numeric, f.nullable])).toEqual([
      ['fiscal_year', '年度', '2025', true, false],
      ['measure', '整改措施', '局里：限期三十日内整改', false, false],
      ['notice_id', '整改通知书', '', false, true],
    ])
  })

  it('builds the whole edited row from 本机 with the edits in their own types', () => {
    const c = rectConflict()
    const fields = editFields(c)
    fields[0]!.text = ' 2026 '
    fields[1]!.text = '局镇商定：6月底前完成修补'
    const built = buildEditedRow(c, fields)
    expect(built).toEqual({
      row: {
        id: RECT_ID,
        fiscal_year: 2026,
        measure: '局镇商定：6月底前完成修补',
        notice_id: null,
        status: '整改中',
        updated_at: '2026-04-02T10:00:00+08:00',
      },
    })
    expect(typeof ('row' in built && built.row.fiscal_year)).toBe('number')
  })

  it('refuses a number column that is not a whole number, in Chinese, naming the field', () => {
    const c = rectConflict()
    const fields = editFields(c)
    fields[0]!.text = '二〇二六'
    expect(buildEditedRow(c, fields)).toEqual({ error: '「年度」请填写数字' })
    fields[0]!.text = '2025.5'
    expect(buildEditedRow(c, fields)).toEqual({ error: '「年度」请填写整数' })
    fields[0]!.text = ''
    expect(buildEditedRow(c, fields)).toEqual({ error: '「年度」请填写数字' })
  })

  it('starts the edit from 对方 when 本机 deleted the record', () => {
    const c = rectConflict({
      ours_deleted: true,
      fields: [
        { column: 'id', ours: null, theirs: RECT_ID, differs: true },
        { column: 'measure', ours: null, theirs: '镇里：已完成道路修补', differs: true },
      ],
    })
    const built = buildEditedRow(c, editFields(c))
    expect(built).toEqual({ row: { id: RECT_ID, measure: '镇里：已完成道路修补' } })
  })

  it('sums the preview per table and says what the import will do', () => {
    expect(previewTotals(PREVIEW.tables)).toEqual({ insert: 2, update: 2, delete: 0, duplicate: 1, conflict: 1 })
    expect(previewTotalsText(PREVIEW)).toBe('共 6 条变更：将应用 4 条（新增 2、修改 2、删除 0），重复跳过 1 条，冲突 1 条')
    expect(
      importResultText({ package_id: 'p', from_name: '河口镇', applied: 4, skipped_duplicate: 1, conflicts: 1, duplicate_package: false, files_written: 1, audit_status: '', audit_note: '' }),
    ).toBe('已应用 4 条，重复跳过 1 条，冲突 1 条')
  })

  it('shortens ids to their last eight characters and prints sizes and progress', () => {
    expect(shortPk(RECT_ID)).toBe('…2d1c0b9a')
    expect(shortPk('abc')).toBe('abc')
    expect(fileSize(512)).toBe('512 字节')
    expect(fileSize(35_840)).toBe('35.0 KB')
    expect(fileSize(3_145_728)).toBe('3.0 MB')
    expect(progressPercent(0, 0)).toBe(0)
    expect(progressPercent(250, 1000)).toBe(25)
    expect(progressPercent(1000, 1000)).toBe(100)
  })
})
