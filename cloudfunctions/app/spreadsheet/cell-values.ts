/** 是/否 as the export writes it and the import reads it back. */
export const yesNoCell = (v: boolean) => (v ? '是' : '否')

/** Several labels in one cell (设施, 协同部门), as the export writes them. */
export const LIST_SEPARATOR = '、'

/** Splits a cell of several labels, whatever separator was typed. */
export const splitList = (text: string) =>
  text
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
