// The soak's faults: a plan drawn from the seed before anything runs (so a seed replays the same faults at the same
// offsets), then played one fault at a time against the stack, the mail hook and the webhook receiver.
import type { Random } from './random.ts';
import type { WebhookReceiver } from './receiver.ts';
import type { SoakStack } from './stack.ts';

export type FaultKind =
  | 'dynamodb-freeze' | 'dynamodb-kill' | 'stack-crash' | 'stack-restart' | 'mail-down' | 'webhook-failing' | 'webhook-slow' | 'webhook-refusing';

export interface Fault {
  /** Seconds after the traffic started. */
  at: number;
  kind: FaultKind;
  /** How long the service stays down (for a restart: how long the stack is down). */
  ms: number;
}

export interface PlayedFault extends Fault {
  startedAt: number;
  endedAt: number;
  error?: string;
}

const WEIGHTS: Record<FaultKind, number> = {
  'dynamodb-freeze': 5, 'dynamodb-kill': 3, 'stack-crash': 3, 'stack-restart': 2, 'mail-down': 3, 'webhook-failing': 2, 'webhook-slow': 2, 'webhook-refusing': 2,
};

/** Faults one after another from 15 s in, 15 to 60 s apart, each over at least 10 s before the traffic ends. */
export function planFaults(random: Random, seconds: number): Fault[] {
  const plan: Fault[] = [];
  let at = 15;
  for (;;) {
    const kind = random.weighted(WEIGHTS);
    // Outages of 5-120 s (the range); a stack is down for 1-10 s between its death and its start.
    const ms = kind === 'stack-crash' || kind === 'stack-restart' ? random.int(1_000, 10_000) : random.int(5_000, 120_000);
    if (at + ms / 1000 > seconds - 10) break;
    plan.push({ at, kind, ms });
    at += Math.ceil(ms / 1000) + random.int(15, 60);
  }
  return plan;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays the plan in order (a fault whose time has passed starts at once), until the plan or `shouldStop` ends it. */
export async function playFaults(
  plan: Fault[], startedAt: number, targets: { stack: SoakStack; receiver: WebhookReceiver }, log: (line: string) => void, shouldStop: () => boolean,
): Promise<PlayedFault[]> {
  const played: PlayedFault[] = [];
  for (const fault of plan) {
    const wait = startedAt + fault.at * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    if (shouldStop()) break;
    const record: PlayedFault = { ...fault, startedAt: Date.now(), endedAt: 0 };
    log(`fault ${played.length + 1}/${plan.length} at ${fault.at} s: ${fault.kind} for ${(fault.ms / 1000).toFixed(1)} s`);
    try {
      await play(fault, targets);
    } catch (error) {
      record.error = (error as Error).message;
      log(`fault ${fault.kind} failed to play: ${record.error}`);
      throw error;
    } finally {
      record.endedAt = Date.now();
      played.push(record);
    }
  }
  return played;
}

async function play(fault: Fault, { stack, receiver }: { stack: SoakStack; receiver: WebhookReceiver }): Promise<void> {
  switch (fault.kind) {
    case 'dynamodb-freeze':
      return stack.freezeDynamo(fault.ms);
    case 'dynamodb-kill':
      return stack.killDynamo(fault.ms);
    case 'stack-crash':
      return stack.restart('crash', fault.ms);
    case 'stack-restart':
      return stack.restart('graceful', fault.ms);
    case 'mail-down':
      stack.setMail('fail');
      try {
        await sleep(fault.ms);
      } finally {
        stack.setMail('ok');
      }
      return;
    default: {
      await receiver.setMode(fault.kind === 'webhook-failing' ? 'fail' : fault.kind === 'webhook-slow' ? 'slow' : 'refuse');
      try {
        await sleep(fault.ms);
      } finally {
        await receiver.setMode('ok');
      }
    }
  }
}
