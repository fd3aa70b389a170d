import type { ModuleMessages } from '../modules'

// The shortcut map (components/ShortcutMap.vue, press `?`).
const messages: ModuleMessages = {
  'zh-CN': {
    shortcuts: {
      title: '快捷键',
      search: '查找患者（任意页面）',
      help: '显示本帮助',
      answer: '接听来电',
      hangUp: '挂断',
      hold: '保持 / 恢复',
      mute: '静音 / 取消静音',
      outcome: '随访页：记录结果（按按钮顺序）',
      script: '问卷脚本：选择选项，回车下一题',
    },
  },
  en: {
    shortcuts: {
      title: 'Shortcuts',
      search: 'Find a patient (any page)',
      help: 'Show this help',
      answer: 'Answer a call',
      hangUp: 'Hang up',
      hold: 'Hold / resume',
      mute: 'Mute / unmute',
      outcome: 'Follow-up screen: record an outcome (in button order)',
      script: 'Questionnaire script: pick an option, Enter for the next question',
    },
  },
}

export default messages
