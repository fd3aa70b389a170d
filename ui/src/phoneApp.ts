// The app's one phone: the desktop engine inside Tauri, the in-page
// simulation in a browser that asked for it (`?phone=sim`), otherwise none.
import { api } from './client'
import { isTauri } from './lib/tauri'
import { NoBackend, Phone, SimulatedBackend, simulationRequested, type PhoneBackend } from './lib/phone'
import { TauriBackend, setPhoneSession } from './lib/phoneTauri'
import type { AgentStateName, CallUpsert, DialRequest, ScreenPopResponse } from './lib/phoneTypes'

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

async function dialTarget(req: DialRequest): Promise<string> {
  const r = await api.post<{ number: string }>('/calls/dial-target', {
    patient_id: req.patient_id,
    phone_index: req.phone_index ?? 0,
    task_id: req.task_id ?? null,
  })
  return r.number
}

function backend(): PhoneBackend {
  if (isTauri(window)) return new TauriBackend()
  if (simulationRequested(window.location.search, storage())) {
    const sim = new SimulatedBackend(dialTarget)
    // Tests (and demos) ring the phone from the console: __hcrmPhone.incoming('138...')
    ;(window as unknown as { __hcrmPhone?: SimulatedBackend }).__hcrmPhone = sim
    return sim
  }
  return new NoBackend()
}

export const phone = new Phone(backend(), {
  screenPop: (number) => api.get<ScreenPopResponse>('/screen-pop', { number }),
  upsertCall: (uuid, body: CallUpsert) => api.request('PUT', `/calls/${uuid}`, { body }),
  setAgentState: (state: AgentStateName) => api.request('PUT', '/agent-state', { body: { state } }),
})

/** Inside the desktop app: hands the signed-in session to the desktop, which
 *  dials patient phones and uploads recordings with it. */
export async function connectDesktopPhone(serverUrl: string | null, token: string | null): Promise<void> {
  if (phone.kind !== 'tauri' || !serverUrl) return
  await setPhoneSession(serverUrl, token)
}
