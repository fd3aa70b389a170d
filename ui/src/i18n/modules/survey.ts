import type { ModuleMessages } from '../modules'

// Questionnaires and satisfaction surveys (issue 6).
const messages: ModuleMessages = {
  'zh-CN': {
    survey: {
      menu: { group: '问卷调查', questionnaires: '问卷管理', staff: '院内调查', stats: '满意度统计' },
      kinds: {
        single_choice: '单选', multiple_choice: '多选', rating5: '评分1-5', rating10: '评分1-10', nps: '推荐值 0-10',
        text: '文本', number: '数字', date: '日期', matrix: '矩阵',
      },
      levels: { very_satisfied: '非常满意', satisfied: '满意', neutral: '一般', dissatisfied: '不满意', very_dissatisfied: '非常不满意' },
      groups: {
        nursing: '护理', medical_technology: '医技', pharmacy: '药学', doctors: '医生', logistics: '后勤', administration: '行政', custom: '自定义',
      },
      list: {
        title: '问卷模板', new: '一步创建问卷', import: '导入 JSON', name: '问卷名称', code: '编码', version: '版本', draft: '草稿',
        responses: '答卷数', publish: '发布', published: '已发布', export: '导出 JSON', phone: '电话回访', smsLink: '短信链接',
        badJson: 'JSON 格式错误',
      },
      link: {
        patientId: '患者编号', sendSms: '发送短信', create: '生成链接', url: '链接', expires: '有效期至', smsQueued: '短信已排队（#{id}）',
      },
      kiosk: {
        title: '自助评价终端', new: '登记终端', name: '终端名称', lastSeen: '最近使用', tokenOnce: '请在终端上打开此地址（令牌只显示一次）：',
        noDevice: '本终端尚未登记，请联系管理员', thanks: '感谢您的评价！', again: '重新开始',
      },
      builder: {
        title: '一步创建问卷', editTitle: '编辑问卷（保存为新草稿版本）', saveDraft: '保存草稿', publish: '保存并发布', category: '类别',
        categories: { satisfaction: '满意度调查', staff: '院内调查', general: '其他' },
        intro: '开场白', sectionTitle: '分组标题', section: '分组', questionText: '题目内容', optionLabel: '选项文字', optionValue: '值',
        score: '分值', addOption: '添加选项', preset: '满意度五级', rowText: '行标题', addRow: '添加行', if: '如果选择',
        goto: '跳转到', end: '结束问卷', addJump: '添加跳转', otherwise: '否则', nextQuestion: '下一题', rules: '回访规则（低分或特定选项生成回访任务并通知科室主任）',
        addRule: '添加规则', ruleDefaultTitle: '满意度调查：需回访', satisfactionQuestion: '满意度题目', auto: '自动', preview: '预览',
        previewOk: '答卷完整，可以提交',
      },
      form: { submit: '提交', incomplete: '请完成标红的题目', invalid: '答案有误', thanks: '感谢填写' },
      public: {
        done: '提交成功，感谢您的评价！', used: '此问卷已填写过，感谢您的参与。', expired: '链接已过期。', invalid: '链接无效。', error: '出错了',
      },
      script: {
        title: '电话回访问卷', keys: '数字键选择，回车下一题，退格返回', noVersion: '问卷没有已发布的版本', required: '此题必答',
        back: '上一题', next: '下一题', review: '核对答案，回车提交', submit: '提交', saved: '已保存答卷', score: '得分',
        callbacks: '已生成 {n} 个回访任务', again: '再填一份', patient: '患者', task: '任务',
      },
      staff: {
        title: '院内员工调查', new: '发起调查', surveyTitle: '调查名称', group: '对象', anonymous: '匿名', progress: '完成情况', due: '截止日期',
        roles: '角色', departments: '科室', anonymousHint: '匿名调查不记录填写人、科室和时间，只记录是否完成。', created: '已分配给 {n} 人',
        reminded: '已提醒 {n} 人', answeredOf: '已完成 {a} / {n}', remind: '提醒未完成的 {n} 人', person: '姓名', department: '科室',
        answered: '已完成', notYet: '未完成', remindedOn: '提醒日期', mine: '我的问卷', answerNow: '去填写', alreadyAnswered: '您已完成此问卷',
      },
      stats: {
        title: '满意度统计', export: '导出 Excel', responses: '答卷数', valid: '有效答卷', satisfied: '满意人数', rate: '满意度',
        average: '平均得分', trend: '月度满意度趋势', byDepartment: '各科室满意度', departmentTable: '科室满意度',
        monthlyTable: '科室月度满意度', month: '月份', questions: '题目分布', answeredN: '{n} 人回答', avg: '平均',
        texts: '意见和建议', date: '日期', question: '题目', text: '内容',
      },
    },
  },
  en: {
    survey: {
      menu: { group: 'Surveys', questionnaires: 'Questionnaires', staff: 'Staff surveys', stats: 'Satisfaction' },
      kinds: {
        single_choice: 'Single choice', multiple_choice: 'Multiple choice', rating5: 'Rating 1-5', rating10: 'Rating 1-10', nps: 'NPS 0-10',
        text: 'Text', number: 'Number', date: 'Date', matrix: 'Matrix',
      },
      levels: { very_satisfied: 'Very satisfied', satisfied: 'Satisfied', neutral: 'Neutral', dissatisfied: 'Dissatisfied', very_dissatisfied: 'Very dissatisfied' },
      groups: {
        nursing: 'Nursing', medical_technology: 'Medical technology', pharmacy: 'Pharmacy', doctors: 'Doctors', logistics: 'Logistics', administration: 'Administration', custom: 'Custom',
      },
      list: {
        title: 'Questionnaires', new: 'Create in one pass', import: 'Import JSON', name: 'Name', code: 'Code', version: 'Version', draft: 'Draft',
        responses: 'Responses', publish: 'Publish', published: 'Published', export: 'Export JSON', phone: 'Phone script', smsLink: 'SMS link',
        badJson: 'Invalid JSON',
      },
      link: {
        patientId: 'Patient id', sendSms: 'Send SMS', create: 'Create link', url: 'Link', expires: 'Valid until', smsQueued: 'SMS queued (#{id})',
      },
      kiosk: {
        title: 'Kiosks', new: 'Register kiosk', name: 'Kiosk name', lastSeen: 'Last used', tokenOnce: 'Open this address on the kiosk (the token is shown once):',
        noDevice: 'This kiosk is not registered; ask an administrator', thanks: 'Thank you for your feedback!', again: 'Start again',
      },
      builder: {
        title: 'Create a questionnaire in one pass', editTitle: 'Edit (saved as a new draft version)', saveDraft: 'Save draft', publish: 'Save and publish', category: 'Category',
        categories: { satisfaction: 'Satisfaction', staff: 'Staff', general: 'Other' },
        intro: 'Introduction', sectionTitle: 'Section title', section: 'Section', questionText: 'Question', optionLabel: 'Option text', optionValue: 'Value',
        score: 'Score', addOption: 'Add option', preset: '5-level satisfaction', rowText: 'Row text', addRow: 'Add row', if: 'If chosen',
        goto: 'go to', end: 'End', addJump: 'Add jump', otherwise: 'Otherwise', nextQuestion: 'next question', rules: 'Callback rules (a low score or an option opens a callback task and alerts the department manager)',
        addRule: 'Add rule', ruleDefaultTitle: 'Survey: call back', satisfactionQuestion: 'Satisfaction question', auto: 'Automatic', preview: 'Preview',
        previewOk: 'Complete: ready to submit',
      },
      form: { submit: 'Submit', incomplete: 'Please complete the marked question', invalid: 'Invalid answer', thanks: 'Thank you' },
      public: {
        done: 'Submitted. Thank you!', used: 'This survey has already been answered. Thank you.', expired: 'This link has expired.', invalid: 'This link is not valid.', error: 'Something went wrong',
      },
      script: {
        title: 'Phone questionnaire', keys: 'number keys choose, Enter next, Backspace back', noVersion: 'The questionnaire has no published version', required: 'This question is required',
        back: 'Back', next: 'Next', review: 'Check the answers; Enter submits', submit: 'Submit', saved: 'Answers saved', score: 'Score',
        callbacks: '{n} callback task(s) opened', again: 'Answer again', patient: 'Patient', task: 'Task',
      },
      staff: {
        title: 'Staff surveys', new: 'New staff survey', surveyTitle: 'Title', group: 'Group', anonymous: 'Anonymous', progress: 'Completion', due: 'Due',
        roles: 'Roles', departments: 'Departments', anonymousHint: 'Anonymous surveys keep no respondent, department or time; only completion is tracked.', created: 'Assigned to {n} people',
        reminded: '{n} reminded', answeredOf: '{a} of {n} answered', remind: 'Remind {n} who have not answered', person: 'Name', department: 'Department',
        answered: 'Answered', notYet: 'Not yet', remindedOn: 'Reminded', mine: 'My surveys', answerNow: 'Answer', alreadyAnswered: 'You have answered this survey',
      },
      stats: {
        title: 'Satisfaction statistics', export: 'Export Excel', responses: 'Responses', valid: 'Valid', satisfied: 'Satisfied', rate: 'Satisfaction',
        average: 'Average score', trend: 'Monthly trend', byDepartment: 'By department', departmentTable: 'Departments',
        monthlyTable: 'Departments by month', month: 'Month', questions: 'Questions', answeredN: '{n} answered', avg: 'average',
        texts: 'Comments', date: 'Date', question: 'Question', text: 'Text',
      },
    },
  },
}
export default messages
