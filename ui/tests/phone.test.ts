import { describe, expect, it, vi } from 'vitest'
import {
  cleanDialString,
  newUuid,
  NoBackend,
  Phone,
  SimulatedBackend,
  simulationRequested,
  type PhoneServer,
} from '../src/lib/phone'
import type { ScreenPopResponse } from '../src/lib/phoneTypes'

function server(matches: ScreenPopResponse['matches'] = []) {
  const calls: [string, Record<string, unknown>][] = []
  const states: string[] = []
  const s: PhoneServer = {
    screenPop: vi.fn(async (number: string) => ({ number, matches })),
    upsertCall: vi.fn(async (uuid: string, body: object) => {
      calls.push([uuid, body as Record<string, unknown>])
    }),
    setAgentState: vi.fn(async (st: string) => {
      states.push(st)
    }),
  }
  return { s, calls, states }
}

const flush = () => new Promise((r) => setTimeout(r, 0))
const match = (id: number) =>
  ({
    patient: {
      id,
      mrn: 'A1',
      name: '张三',
      sex: 'male',
      birth_date: null,
      age: 50,
      id_card_masked: null,
      phones_masked: ['138****5678'],
      tags: [],
      department_names: [],
      last_visit_at: null,
    },
    recent_visits: [],
    open_items: { follow_up_tasks: 0, appointments: 0, complaints: 0 },
  }) as unknown as ScreenPopResponse['matches'][number]

describe('phone', () => {
  it('makes UUIDs and cleans dial strings', () => {
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(cleanDialString(' 138-1234 5678 ')).toBe('13812345678')
    expect(cleanDialString('*9#x')).toBe('*9#')
  })

  it('an incoming call pops the caller with the number masked and links a single match', async () => {
    const sim = new SimulatedBackend()
    const { s, calls } = server([match(7)])
    const phone = new Phone(sim, s)
    const uuid = sim.incoming('13812345678')
    expect(phone.state.incoming?.maskedNumber).toBe('138****5678')
    expect(phone.state.call?.status).toBe('ringing')
    await flush()
    await flush()
    expect(phone.state.incoming?.lookup).toBe('done')
    expect(phone.state.incoming?.matches[0].patient.id).toBe(7)
    expect(calls.find(([, b]) => b.patient_id === 7)?.[0]).toBe(uuid)
    await phone.answer()
    expect(phone.state.incoming).toBeNull()
    expect(phone.state.call?.status).toBe('active')
    await phone.toggleHold()
    expect(phone.state.call?.status).toBe('held')
    await phone.toggleHold()
    await phone.toggleMute()
    expect(phone.state.call?.muted).toBe(true)
    await phone.dtmf('12#')
    expect(sim.log).toContain('dtmf 12#')
    await phone.hangup()
    expect(phone.state.call?.status).toBe('ended')
    expect(phone.state.call?.disposition).toBe('answered')
    expect(calls.at(-1)?.[1].disposition).toBe('answered')
  })

  it('rejecting a ringing call ends it as rejected; a caller hanging up cancels', async () => {
    const sim = new SimulatedBackend()
    const { s } = server()
    const phone = new Phone(sim, s)
    sim.incoming('02112345678')
    await phone.hotkey('hang_up')
    expect(phone.state.call?.disposition).toBe('rejected')
    const second = sim.incoming('02112345678')
    sim.remoteHangup(second)
    expect(phone.state.call?.disposition).toBe('cancelled')
    expect(phone.state.incoming).toBeNull()
  })

  it('dials a patient phone by position, never by number, and links the task', async () => {
    const resolve = vi.fn(async () => '13900001111')
    const sim = new SimulatedBackend(resolve)
    sim.answerAfterMs = 5
    const { s, calls, states } = server()
    const phone = new Phone(sim, s)
    const uuid = await phone.dial({ patientId: 3, phoneIndex: 1 }, { taskId: 9 })
    expect(resolve).toHaveBeenCalledWith(expect.objectContaining({ uuid, patient_id: 3, phone_index: 1, task_id: 9 }))
    expect(calls[0][1]).toMatchObject({ direction: 'outbound', patient_id: 3, task_id: 9 })
    expect(JSON.stringify(calls)).not.toContain('13900001111')
    expect(phone.state.call?.displayNumber).toBe('')
    await new Promise((r) => setTimeout(r, 30))
    expect(phone.state.call?.status).toBe('active')
    await expect(phone.dial('123')).rejects.toThrow('phone.busyLine')
    await phone.transfer('8002')
    expect(phone.state.call?.disposition).toBe('transferred')
    expect(states).toEqual(['busy', 'busy', 'after_call_work'])
  })

  it('a second incoming call during a call is ignored', () => {
    const sim = new SimulatedBackend()
    const phone = new Phone(sim, server().s)
    const first = sim.incoming('13812345678')
    sim.incoming('13700000000')
    expect(phone.state.call?.uuid).toBe(first)
  })

  it('without an engine dialing fails with a message key', async () => {
    const phone = new Phone(new NoBackend(), server().s)
    await expect(phone.dial('123')).rejects.toThrow('phone.unavailable')
    expect(phone.state.call?.status).toBe('ended')
    await expect(phone.dial('')).rejects.toThrow('phone.emptyNumber')
  })

  it('the simulation flag comes from the URL and is remembered', () => {
    const store = new Map<string, string>()
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => {
        store.set(k, v)
      },
    }
    expect(simulationRequested('', storage)).toBe(false)
    expect(simulationRequested('?phone=sim', storage)).toBe(true)
    expect(simulationRequested('', storage)).toBe(true)
    expect(simulationRequested('?phone=off', storage)).toBe(false)
  })
})
