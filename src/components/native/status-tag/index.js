// Native WeChat custom component: a problem's status as a coloured tag.
// Labels mirror PROBLEM_STATUS_LABELS in types/problems.ts (tests/native/status-tag.test.js checks that).
var LABELS = {
  triage: '待分派',
  routed: '待签收',
  accepted: '办理中',
  replied: '已答复',
  closed: '已办结',
  returned: '退单待调度',
  reopened: '重办中'
}

function labelOf(status) {
  return Object.prototype.hasOwnProperty.call(LABELS, status) ? LABELS[status] : '未知状态'
}

function toneOf(status) {
  return Object.prototype.hasOwnProperty.call(LABELS, status) ? status : 'unknown'
}

Component({
  options: { addGlobalClass: false },
  properties: {
    status: { type: String, value: '' },
    large: { type: Boolean, value: false }
  },
  data: {
    label: '未知状态',
    tone: 'unknown'
  },
  observers: {
    status: function (status) {
      this.setData({ label: labelOf(status), tone: toneOf(status) })
    }
  },
  lifetimes: {
    attached: function () {
      this.setData({ label: labelOf(this.data.status), tone: toneOf(this.data.status) })
    }
  }
})
