import { z } from 'zod';

// The `machine` section of an incident: what reading the machine code (Code: bytes, user-supplied
// disassembly, symbols, debug info, source) tells. Built by src/machine/section.ts.

const sourceRefSchema = z.object({ file: z.string().describe('as debug info names it'), line: z.number().int().positive() });

const instructionRefSchema = z.object({
  address: z.string().nullable().describe('0x-prefixed hex'),
  location: z.string().nullable().describe('function+0xoffset'),
  text: z.string().describe('instruction as the disassembly prints it'),
  source: sourceRefSchema.nullable(),
});

export const machineSchema = z.object({
  syntax: z.enum(['att', 'intel']).describe('of x86 instructions (ARM ones are in the ARM syntax)'),
  codeArch: z.enum(['x86-64', 'arm64', 'arm', 'thumb']).nullable().describe('instruction set the Code: line was decoded as; null when it was not decoded'),
  codeInstructions: z
    .array(z.object({
      address: z.string().nullable().describe('null when the RIP address was not printed'),
      offset: z.number().int().describe('bytes from the RIP (negative: before it)'),
      bytes: z.string(),
      text: z.string(),
      rip: z.boolean().describe('the instruction at the marked byte'),
    }))
    .describe('the first report\'s Code: bytes decoded, instruction boundary aligned on the marked byte'),
  codePatterns: z.array(z.object({
    kind: z.enum(['irq-enable', 'pause-loop', 'bug-trap', 'backward-jump']),
    sequence: z.string(),
    explanation: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).describe('what the explanation is built from; message code `pattern.<kind>`'),
  })),
  ripMapping: z
    .array(z.object({
      location: z.string().describe('function+0xoffset as sampled'),
      role: z.enum(['rip', 'return']).describe('a RIP sample, or a return address of a stack frame'),
      samples: z.number().int().nonnegative().describe('samples in which it appears'),
      address: z.string().nullable(),
      instruction: instructionRefSchema.nullable().describe('the instruction at that address'),
      previous: instructionRefSchema.nullable().describe('the instruction before it: for a return address, the call'),
      previousInferred: z.boolean().describe('true when `previous` is only inferred from the call trace (a call of the next inner frame)'),
      source: sourceRefSchema.nullable().describe('source line of the address (of the call, for a return address)'),
      via: z.array(z.string()).describe('inputs that resolved it: code, dis, symbols, vmlinux, addr2line...'),
    }))
    .describe('every RIP sample and return address of the sampled stacks, up to the loop-bounding function'),
  loop: z
    .object({
      function: z.string(),
      startAddress: z.string(),
      endAddress: z.string(),
      startLocation: z.string().nullable(),
      endLocation: z.string().nullable(),
      method: z.enum(['backward-jump', 'sampled-span']),
      jump: z.string().nullable().describe('the backward jump closing the loop'),
      sourceLines: z.array(sourceRefSchema),
      lines: z.string().describe('e.g. block/blk-core.c:494-497'),
    })
    .nullable()
    .describe('the loop of the loop-bounding function that encloses every sample'),
  symbolized: z.array(z.object({ where: z.enum(['rip', 'frame', 'stack word']).describe('a RIP printed without a symbol, a call-trace line without one, or a stack word pointing into kernel text'), address: z.string(), symbol: z.string() })),
  sourceExcerpts: z.array(z.object({
    file: z.string(),
    path: z.string(),
    lines: z.array(z.object({ line: z.number().int().positive(), text: z.string(), mark: z.enum(['mapped', 'loop', 'context']) })),
  })),
  notes: z.array(z.string()).describe('what could not be done and why (no addr2line, file not found...)'),
  noteMessages: z
    .array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }))
    .describe('the notes as message codes and parameters, same order as notes'),
});

export type MachineSection = z.infer<typeof machineSchema>;
