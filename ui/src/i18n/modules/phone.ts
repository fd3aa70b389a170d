import type { ModuleMessages } from '../modules'

// The softphone: call bar, incoming-call toast, call history, audio settings.
const messages: ModuleMessages = {
  'zh-CN': {
    phone: {
      dial: '拨号', call: '呼叫', answer: '接听', reject: '拒接', hangup: '挂断', hold: '保持', resume: '恢复',
      mute: '静音', unmute: '取消静音', transfer: '转接', transferTo: '转接到号码', keypad: '按键',
      settings: '话机设置', input: '麦克风', output: '扬声器', levels: '音量', testTone: '播放测试音',
      browserDevices: '未连接桌面话机，显示浏览器可用的设备', noAudio: '此浏览器不能播放声音',
      hotkeys: '快捷键：F8 接听，F9 挂断，F10 保持，F11 静音',
      incoming: '来电', lookingUp: '正在查找患者…', lookupFailed: '查找患者失败', unknownCaller: '未知号码',
      newPatient: '新建患者', linkPatient: '关联患者', searchPatient: '姓名、拼音或病案号', linked: '号码已关联到患者',
      created: '已新建患者', patientNumber: '患者电话', unavailable: '此窗口没有话机', busyLine: '正在通话中',
      emptyNumber: '请输入号码', dialPatient: '拨打',
      board: { title: '坐席状态', agent: '坐席', state: '状态', since: '持续', empty: '还没有坐席登录', failed: '坐席状态暂时无法获取' },
      account: {
        title: 'SIP 账号', username: '分机号', password: '密码', passwordKept: '留空则保留已保存的密码', domain: 'SIP 域',
        proxy: '注册服务器', proxyHint: '主机或主机:端口，留空即 SIP 域', transport: '传输', localIp: '本机地址', localIpHint: '留空自动选择',
        register: '启动时注册', echo: '回声消除（外放时开启）', save: '保存并重新连接', registered: '已注册', notRegistered: '未注册',
      },
      states: { ready: '就绪', busy: '忙碌', after_call_work: '话后处理', away: '离开' },
      status: { dialing: '正在呼叫', ringing: '振铃', active: '通话中', held: '已保持', ended: '已结束' },
      direction: { inbound: '呼入', outbound: '呼出' },
      disposition: {
        answered: '已接通', no_answer: '无人接听', busy: '占线', rejected: '拒接', failed: '失败', cancelled: '已取消', transferred: '已转接',
      },
      history: {
        at: '时间', direction: '方向', number: '号码', disposition: '结果', duration: '通话时长', agent: '坐席',
        recording: '录音', play: '播放', recorded: '有录音', playingAudited: '播放已记录审计',
      },
    },
  },
  en: {
    phone: {
      dial: 'Dial', call: 'Call', answer: 'Answer', reject: 'Reject', hangup: 'Hang up', hold: 'Hold', resume: 'Resume',
      mute: 'Mute', unmute: 'Unmute', transfer: 'Transfer', transferTo: 'Transfer to number', keypad: 'Keypad',
      settings: 'Phone settings', input: 'Microphone', output: 'Speaker', levels: 'Levels', testTone: 'Play test tone',
      browserDevices: 'No desktop phone connected; showing the devices the browser knows', noAudio: 'This browser cannot play sound',
      hotkeys: 'Hotkeys: F8 answer, F9 hang up, F10 hold, F11 mute',
      incoming: 'Incoming call', lookingUp: 'Looking up the caller…', lookupFailed: 'Caller lookup failed', unknownCaller: 'Unknown number',
      newPatient: 'New patient', linkPatient: 'Link to patient', searchPatient: 'Name, initials or MRN', linked: 'Number linked to the patient',
      created: 'Patient created', patientNumber: 'patient phone', unavailable: 'No phone in this window', busyLine: 'Already on a call',
      emptyNumber: 'Enter a number', dialPatient: 'Call',
      board: { title: 'Agent states', agent: 'Agent', state: 'State', since: 'For', empty: 'No agent has signed in yet', failed: 'Agent states are unavailable for now' },
      account: {
        title: 'SIP account', username: 'Extension', password: 'Password', passwordKept: 'Leave empty to keep the saved password', domain: 'SIP domain',
        proxy: 'Registrar', proxyHint: 'host or host:port; empty means the SIP domain', transport: 'Transport', localIp: 'Local address', localIpHint: 'Empty picks one',
        register: 'Register at start', echo: 'Echo cancellation (for speakers)', save: 'Save and reconnect', registered: 'Registered', notRegistered: 'Not registered',
      },
      states: { ready: 'Ready', busy: 'Busy', after_call_work: 'After-call work', away: 'Away' },
      status: { dialing: 'Dialing', ringing: 'Ringing', active: 'On call', held: 'On hold', ended: 'Ended' },
      direction: { inbound: 'In', outbound: 'Out' },
      disposition: {
        answered: 'Answered', no_answer: 'No answer', busy: 'Busy', rejected: 'Rejected', failed: 'Failed', cancelled: 'Cancelled', transferred: 'Transferred',
      },
      history: {
        at: 'Time', direction: 'Direction', number: 'Number', disposition: 'Result', duration: 'Talk time', agent: 'Agent',
        recording: 'Recording', play: 'Play', recorded: 'Recorded', playingAudited: 'This play is audited',
      },
    },
  },
}
export default messages
