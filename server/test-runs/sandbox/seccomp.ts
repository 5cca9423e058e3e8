/**
 * A seccomp filter (classic BPF, handed to bwrap with --seccomp FD) that takes away the kernel
 * features sandboxed agents never need and exploits often do: new namespaces (a user namespace
 * would give the agent "root" inside it and a much larger kernel surface), mounts, keyrings,
 * eBPF, userfaultfd, perf, io_uring, module and kexec loading, ptrace. Other architectures'
 * syscalls are killed (no x32 / i386 ABI detours). clone3 answers ENOSYS so libc falls back
 * to clone, whose flags the filter can read.
 */

type Arch = { audit: number; x32Base: number | null; nr: Record<Blocked | "clone", number>; enosys: number[] };
type Blocked = "unshare" | "setns" | "mount" | "umount2" | "pivot_root" | "chroot" | "keyctl" | "add_key" | "request_key" | "bpf" | "userfaultfd" | "perf_event_open" | "kexec_load" | "kexec_file_load" | "init_module" | "finit_module" | "delete_module" | "ptrace" | "open_by_handle_at" | "fsopen" | "fsconfig" | "fsmount" | "fspick" | "move_mount" | "open_tree";

// Numbers from the kernel's syscall tables (x86_64: arch/x86/entry/syscalls/syscall_64.tbl;
// arm64: include/uapi/asm-generic/unistd.h). clone3 = 435 and io_uring_* = 425–427 on both.
const ARCHES: Partial<Record<NodeJS.Architecture, Arch>> = {
  x64: {
    audit: 0xc000003e,
    x32Base: 0x40000000,
    nr: { unshare: 272, setns: 308, mount: 165, umount2: 166, pivot_root: 155, chroot: 161, keyctl: 250, add_key: 248, request_key: 249, bpf: 321, userfaultfd: 323, perf_event_open: 298, kexec_load: 246, kexec_file_load: 320, init_module: 175, finit_module: 313, delete_module: 176, ptrace: 101, open_by_handle_at: 304, fsopen: 430, fsconfig: 431, fsmount: 432, fspick: 433, move_mount: 429, open_tree: 428, clone: 56 },
    enosys: [435, 425, 426, 427],
  },
  arm64: {
    audit: 0xc00000b7,
    x32Base: null,
    nr: { unshare: 97, setns: 268, mount: 40, umount2: 39, pivot_root: 41, chroot: 51, keyctl: 219, add_key: 217, request_key: 218, bpf: 280, userfaultfd: 282, perf_event_open: 241, kexec_load: 104, kexec_file_load: 294, init_module: 105, finit_module: 273, delete_module: 106, ptrace: 117, open_by_handle_at: 265, fsopen: 430, fsconfig: 431, fsmount: 432, fspick: 433, move_mount: 429, open_tree: 428, clone: 220 },
    enosys: [435, 425, 426, 427],
  },
};

const LD_W_ABS = 0x20;
const JEQ = 0x15;
const JGE = 0x35;
const JSET = 0x45;
const RET = 0x06;
const KILL_PROCESS = 0x80000000;
const ALLOW = 0x7fff0000;
const ERRNO = (e: number) => 0x00050000 | e;
const EPERM = 1;
const ENOSYS = 38;
/** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET */
const CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

type Insn = { code: number; jt: number | "allow" | "eperm" | "enosys"; jf: number | "allow" | "eperm" | "enosys"; k: number };

/** The compiled filter for this machine's architecture, or null where none is defined. */
export function seccompProgram(arch: NodeJS.Architecture = process.arch): Buffer | null {
  const a = ARCHES[arch];
  if (!a) return null;
  const body: Insn[] = [
    { code: LD_W_ABS, jt: 0, jf: 0, k: 4 }, // seccomp_data.arch
    { code: JEQ, jt: 1, jf: 0, k: a.audit },
    { code: RET, jt: 0, jf: 0, k: KILL_PROCESS },
    { code: LD_W_ABS, jt: 0, jf: 0, k: 0 }, // seccomp_data.nr
  ];
  if (a.x32Base !== null) body.push({ code: JGE, jt: "eperm", jf: 0, k: a.x32Base });
  for (const [name, nr] of Object.entries(a.nr)) if (name !== "clone") body.push({ code: JEQ, jt: "eperm", jf: 0, k: nr });
  for (const nr of a.enosys) body.push({ code: JEQ, jt: "enosys", jf: 0, k: nr });
  body.push({ code: JEQ, jt: 0, jf: "allow", k: a.nr.clone });
  body.push({ code: LD_W_ABS, jt: 0, jf: 0, k: 16 }); // low half of args[0] (clone flags)
  body.push({ code: JSET, jt: "eperm", jf: "allow", k: CLONE_NEW_ANY });
  const tail = { allow: body.length, eperm: body.length + 1, enosys: body.length + 2 };
  const program = [...body, { code: RET, jt: 0, jf: 0, k: ALLOW }, { code: RET, jt: 0, jf: 0, k: ERRNO(EPERM) }, { code: RET, jt: 0, jf: 0, k: ERRNO(ENOSYS) }];
  const buf = Buffer.alloc(program.length * 8);
  program.forEach((insn, i) => {
    const jump = (j: Insn["jt"]) => (typeof j === "number" ? j : tail[j] - i - 1);
    const jt = jump(insn.jt);
    const jf = jump(insn.jf);
    if (jt > 255 || jf > 255) throw new Error("seccomp program too long for BPF jumps");
    buf.writeUInt16LE(insn.code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return buf;
}
