import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { parseRipLine } from '../../src/reports/body.js';
import { log } from '../detectors/tester.js';

// MIPS (arch/mips/kernel/traps.c __show_regs) and LoongArch (arch/loongarch/kernel/traps.c, 5.19-6.1; process.c print_regs
// from 6.2) print the interrupted instruction as `epc`/`era`/`ERA` with its address first, and their general registers
// four a line: the RIP of a report (a soft lockup's sample) and its registers must be read from them.
describe('MIPS and LoongArch register dumps', () => {
  it('reads a MIPS oops: epc as the RIP, the numbered registers, Hi/Lo and the CP0 registers', () => {
    const result = analyzeText(
      log(`
        [   12.345678] CPU 0 Unable to handle kernel paging request at virtual address 00000004, epc == 8027a1b4, ra == 8027a1a0
        [   12.345700] Oops[#1]:
        [   12.345710] CPU: 0 PID: 231 Comm: ifconfig Not tainted 4.14.180 #0
        [   12.345720] $ 0   : 00000000 00000001 00000000 87c5e000
        [   12.345780] $24   : 00000000 77f1e4a0
        [   12.345790] $28   : 87c2c000 87c2dd30 00000000 8027a1a0
        [   12.345800] Hi    : 00000000
        [   12.345820] epc   : 8027a1b4 ag71xx_hw_stop+0x24/0x80 [ag71xx]
        [   12.345830] ra    : 8027a1a0 ag71xx_hw_stop+0x10/0x80 [ag71xx]
        [   12.345840] Status: 1100fc03	KERNEL EXL IE
        [   12.345850] Cause : 00800008 (ExcCode 02)
        [   12.345860] BadVA : 00000004
        [   12.345880] Modules linked in: ag71xx
        [   12.345920] Call Trace:
        [   12.345930] [<8027a1b4>] ag71xx_hw_stop+0x24/0x80 [ag71xx]
        [   12.345940] [<8027a8c4>] ag71xx_stop+0x44/0x90 [ag71xx]
        [   12.345950] [<803a1f44>] __dev_close_many+0xb4/0x110
      `),
    );
    const incident = result.incidents[0]!;
    expect(incident.rip).toMatchObject({ function: 'ag71xx_hw_stop', offset: '0x24', module: 'ag71xx' });
    expect(incident.registers).toEqual({
      $0: '00000000', $1: '00000001', $2: '00000000', $3: '87c5e000', $24: '00000000', $25: '77f1e4a0',
      $28: '87c2c000', $29: '87c2dd30', $30: '00000000', $31: '8027a1a0',
      Hi: '00000000', ra: '8027a1a0', Status: '1100fc03', Cause: '00800008', BadVA: '00000004',
    });
    expect(incident.stack.map((f) => f.function)).toEqual(['ag71xx_hw_stop', 'ag71xx_stop', '__dev_close_many']);
  });

  it('takes a LoongArch soft lockup\'s ERA line as its RIP sample, and its registers by their ABI names', () => {
    const result = analyzeText(
      log(`
        [  100.000000] watchdog: BUG: soft lockup - CPU#2 stuck for 22s! [kworker/2:1:123]
        [  100.000020] CPU: 2 PID: 123 Comm: kworker/2:1 Not tainted 6.6.0 #1
        [  100.000040] pc 90000000002abcd0 ra 90000000002abc80 tp 900000010a4c8000 sp 900000010a4cbd10
        [  100.000050] a0 0000000000000000 a1 0000000000000001 a2 0000000000000000 a3 90000001003a0000
        [  100.000060]    ERA: 90000000002abcd0 spin_fn+0x10/0x40 [mydrv]
        [  100.000070]  CRMD: 000000b0 (PLV0 -IE -DA +PG DACM=CC DACF=CC -WE)
        [  100.000080] Call Trace:
        [  100.000090] [<90000000002abcd0>] spin_fn+0x10/0x40 [mydrv]
        [  100.000100] [<90000000002ab000>] mydrv_work+0x40/0x90 [mydrv]
        [  100.000110] [<9000000000270000>] process_one_work+0x1a0/0x3c0
      `),
    );
    const incident = result.incidents[0]!;
    expect(incident.kind).toBe('soft-lockup');
    expect(incident.rip).toMatchObject({ function: 'spin_fn', offset: '0x10', module: 'mydrv' });
    expect(incident.ripSamples?.length ?? incident.samples).toBeTruthy();
    expect(incident.registers).toMatchObject({ pc: '90000000002abcd0', ra: '90000000002abc80', sp: '900000010a4cbd10', a3: '90000001003a0000', CRMD: '000000b0' });
  });

  it('reads the address-first forms, and leaves RISC-V\'s one-space `epc : ` forms as they were', () => {
    expect(parseRipLine('epc   : 8027a1b4 ag71xx_hw_stop+0x24/0x80 [ag71xx]')).toMatchObject({ address: '8027a1b4', function: 'ag71xx_hw_stop', module: 'ag71xx' });
    expect(parseRipLine('era   : 9000000002a4b1d4 stmmac_tx_clean+0x74/0x6a0')).toMatchObject({ address: '9000000002a4b1d4', function: 'stmmac_tx_clean' });
    expect(parseRipLine('ERA: 9000000002a4b1d4 stmmac_tx_clean+0x74/0x6a0')).toMatchObject({ address: '9000000002a4b1d4', function: 'stmmac_tx_clean' });
    expect(parseRipLine('epc : mydrv_read+0x12/0x40 [mydrv]')).toMatchObject({ address: null, function: 'mydrv_read', module: 'mydrv' });
    expect(parseRipLine('epc : ffffffff01234562 ra : ffffffff80123456 sp : ff2000000012bd70')).toMatchObject({ address: 'ffffffff01234562', function: '0xffffffff01234562' });
  });

  it('keeps RISC-V\'s `epc : sym` and ` ra : sym` lines in the report: the symbolized epc is the RIP', () => {
    const result = analyzeText(
      log(`
        [   30.000000] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000
        [   30.000010] Oops [#1]
        [   30.000020] CPU: 1 PID: 77 Comm: sh Not tainted 6.1.0 #1
        [   30.000030] epc : mydrv_read+0x12/0x40 [mydrv]
        [   30.000040]  ra : vfs_read+0x9c/0x220
        [   30.000050] epc : ffffffff01234562 ra : ffffffff80123456 sp : ff2000000012bd70
        [   30.000052]  gp : ffffffff81c5d8a0 tp : ff6000000256a580 t0 : 0000000000000001
        [   30.000054] status: 0000000200000120 badaddr: 0000000000000000 cause: 000000000000000d
        [   30.000060] Call Trace:
        [   30.000070] [<ffffffff01234562>] mydrv_read+0x12/0x40 [mydrv]
        [   30.000080] [<ffffffff80123456>] vfs_read+0x9c/0x220
      `),
    );
    expect(result.incidents[0]!.rip).toMatchObject({ function: 'mydrv_read', module: 'mydrv' });
    // (its register dump's first line is a RIP line and three registers; the lines under it are pairs)
    expect(result.incidents[0]!.registers).toMatchObject({ epc: 'ffffffff01234562', ra: 'ffffffff80123456', sp: 'ff2000000012bd70', gp: 'ffffffff81c5d8a0', t0: '0000000000000001', status: '0000000200000120', badaddr: '0000000000000000', cause: '000000000000000d' });
  });

  it('reads powerpc\'s register block: NIP, LR, MSR, CR, DAR and the GPRnn runs as r0...', () => {
    const result = analyzeText(
      log(`
        [ 8731.220000] Unable to handle kernel paging request for data at address 0x00000010
        [ 8731.220010] Faulting instruction address: 0xd000000005a3e6f0
        [ 8731.220020] Oops: Kernel access of bad area, sig: 11 [#1]
        [ 8731.220040] CPU: 4 PID: 3081 Comm: nfsd Not tainted 3.10.0-514.el7.ppc64 #1
        [ 8731.220060] NIP:  d000000005a3e6f0 LR: d000000005a3e6c4 CTR: c00000000036a2c0
        [ 8731.220090] MSR:  8000000100009032 <SF,EE,ME,IR,DR,RI>  CR: 24002488  XER: 00000000
        [ 8731.220100] CFAR: c000000000009368 DAR: 0000000000000010 DSISR: 40000000 SOFTE: 1
        [ 8731.220110] GPR00: d000000005a3e6c4 c0000001e3d63ad0 d000000005a5f2c8 0000000000000000
        [ 8731.220120] GPR04: 0000000000000001 c0000001e3d63b50 0000000000000000 0000000000000000
        [ 8731.220200] NIP [d000000005a3e6f0] nfsd4_encode_fattr+0x1a0/0x1420 [nfsd]
        [ 8731.220210] LR [d000000005a3e6c4] nfsd4_encode_fattr+0x174/0x1420 [nfsd]
        [ 8731.220220] Call Trace:
        [ 8731.220230] [c0000001e3d63ad0] [d000000005a3e6c4] nfsd4_encode_fattr+0x174/0x1420 [nfsd] (unreliable)
        [ 8731.220240] [c0000001e3d63cd0] [d000000005a3f9a0] nfsd4_encode_getattr+0x40/0x80 [nfsd]
      `),
    );
    const incident = result.incidents[0]!;
    expect(incident.rip).toMatchObject({ function: 'nfsd4_encode_fattr', module: 'nfsd' });
    expect(incident.registers).toMatchObject({ NIP: 'd000000005a3e6f0', LR: 'd000000005a3e6c4', MSR: '8000000100009032', CR: '24002488', DAR: '0000000000000010', DSISR: '40000000', r0: 'd000000005a3e6c4', r1: 'c0000001e3d63ad0', r7: '0000000000000000' });
  });

  it('reads s390\'s general registers: r0-r3 on the `Krnl GPRS:` line, r4-r15 on the three under it', () => {
    const result = analyzeText(
      log(`
        [  812.373490] Unable to handle kernel pointer dereference in virtual kernel address space
        [  812.373505] Oops: 0004 ilc:3 [#1] SMP
        [  812.373530] CPU: 1 PID: 4412 Comm: kworker/1:2 Not tainted 3.10.0-957.el7.s390x #1
        [  812.373537] Krnl PSW : 0704c00180000000 000003ff80a2c1b2 (xfs_buf_ioend+0x4a/0x1f0 [xfs])
        [  812.373545]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 EA:3
        [  812.373550] Krnl GPRS: 0000000000000000 0000000000000000 00000000f8f33c60 0000000000000001
        [  812.373551]            000003ff80a2c1a4 0000000000000000 00000000c1a58700 000000008c4c6800
        [  812.373552]            0000000000000008 0000000000000009 000000000000000a 000000000000000b
        [  812.373553]            000000000000000c 000000000000000d 000003ff80a2c19a 00000000f8f33b08
        [  812.373575] Krnl Code: 000003ff80a2c1a4: e31020000004	lg	%r1,0(%r2)
        [  812.373600] Call Trace:
        [  812.373605] ([<000003ff80a2c19a>] xfs_buf_ioend+0x32/0x1f0 [xfs])
        [  812.373612]  [<000003ff80a2c3ca>] xfs_buf_ioend_work+0x2a/0x38 [xfs]
      `),
    );
    const registers = result.incidents[0]!.registers;
    expect(Object.keys(registers).filter((name) => /^r\d+$/.test(name))).toHaveLength(16);
    expect(registers).toMatchObject({ r2: '00000000f8f33c60', r4: '000003ff80a2c1a4', r15: '00000000f8f33b08' });
  });
});
