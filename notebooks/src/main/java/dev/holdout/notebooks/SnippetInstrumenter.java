package dev.holdout.notebooks;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of every class a cell defines (its wrapper class, and the methods, classes, records and
 * lambdas it declares) before the kernel loads it:
 * <ul>
 *   <li>a call to {@link SnippetGuard#checkStop()} at the start of every method and before every backward jump (the
 *       end of each loop iteration), so an interrupt stops a busy loop or a runaway recursion at the next check — on
 *       every JDK, without {@code Thread.stop}, which Java 20 and later refuse;</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} — called directly or through a method
 *       reference — redirected to {@link SnippetGuard}, which refuses them.</li>
 * </ul>
 * JDK 22 and later do the same for JShell's own local engine with the ClassFile API; ASM brings it to Java 17.
 * A check is one volatile read: the measured cost on a tight loop is in the notebooks section of the README.
 *
 * <pre>{@code
 * byte[] instrumented = SnippetInstrumenter.instrument(classBytes);
 * }</pre>
 */
final class SnippetInstrumenter {
    private static final String GUARD = SnippetGuard.class.getName().replace('.', '/');

    private SnippetInstrumenter() {}

    /**
     * The instrumented class file. Frames and maximum stack sizes stay valid as they are: the inserted call takes
     * and leaves nothing on the operand stack and adds no jump target, and a redirected exit call has the same
     * stack effect as the original.
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) return mv;
                return new GuardedMethod(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardedMethod extends MethodVisitor {
        /** Labels already passed: a jump to one of them goes backwards. */
        private final Set<Label> seen = new HashSet<>();

        GuardedMethod(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            checkStop();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) checkStop();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) checkStop();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) checkStop();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) return true;
            for (Label l : labels) if (seen.contains(l)) return true;
            return false;
        }

        private void checkStop() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "checkStop", "()V", false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String replacement = exitReplacement(opcode, owner, name, descriptor);
            if (replacement != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, replacement,
                        opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] args = arguments.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Handle h) {
                    int opcode = h.getTag() == Opcodes.H_INVOKESTATIC ? Opcodes.INVOKESTATIC
                            : h.getTag() == Opcodes.H_INVOKEVIRTUAL ? Opcodes.INVOKEVIRTUAL : -1;
                    String replacement = exitReplacement(opcode, h.getOwner(), h.getName(), h.getDesc());
                    if (replacement != null) {
                        // System::exit, Runtime.getRuntime()::exit: the same functional shape, with the receiver
                        // (if any) as the first argument of the static replacement
                        args[i] = new Handle(Opcodes.H_INVOKESTATIC, GUARD, replacement,
                                opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
                    }
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
        }

        private static String exitReplacement(int opcode, String owner, String name, String descriptor) {
            if (!"(I)V".equals(descriptor)) return null;
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")) return "exit";
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")) {
                if (name.equals("exit")) return "runtimeExit";
                if (name.equals("halt")) return "runtimeHalt";
            }
            return null;
        }
    }
}
