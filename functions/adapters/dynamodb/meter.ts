// Counts DynamoDB round trips and consumed capacity per runtime, for the benchmarks (off by default).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface MeterReading {
  calls: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

export const meter: MeterReading & { reset(): void; snapshot(): MeterReading } = {
  calls: 0,
  readUnits: 0,
  writeUnits: 0,
  byCommand: {},
  reset() {
    this.calls = 0;
    this.readUnits = 0;
    this.writeUnits = 0;
    this.byCommand = {};
  },
  snapshot() {
    return { calls: this.calls, readUnits: this.readUnits, writeUnits: this.writeUnits, byCommand: { ...this.byCommand } };
  },
};

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/** Asks DynamoDB for the consumed capacity of every call and adds it to `meter`. */
export function attachMeter(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const command = String(context.commandName);
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const consumed = ([] as Capacity[]).concat(output.ConsumedCapacity ?? []);
      const units = consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      meter.calls += 1;
      meter.byCommand[command] = (meter.byCommand[command] ?? 0) + 1;
      if (READS.has(command)) meter.readUnits += units;
      else meter.writeUnits += units;
      return result;
    },
    { step: 'initialize', name: 'netraMeter' },
  );
}
