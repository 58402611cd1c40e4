package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Overwrites an array's values in place — a parameter, a buffer, a spectral-norm vector — the way
 * {@code with torch.no_grad(): p.copy_(src)} does.
 *
 * <p>DJL's {@code NDArray.set(Buffer)} makes libtorch print its "AutoNonVariableTypeMode is
 * deprecated" warning, and an indexed set on a leaf that requires grad fails on any thread where
 * grad mode is on. This copies through an indexed set ({@code [...] = src}) with the target's
 * requires-grad flag lowered for the copy and restored after, from a detached source, so the copy
 * is never recorded by autograd and no temporary is left in any manager.
 */
public final class Assign {
    private Assign() {}

    /**
     * Copies {@code source} into {@code target}.
     *
     * @param target the array to overwrite
     * @param source values of the same size (reshaped and converted to the target's type)
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void copy(NDArray target, NDArray source) {
        if (source.size() != target.size()) {
            throw new IllegalArgumentException(
                    "cannot copy "
                            + source.getShape()
                            + " into "
                            + target.getShape()
                            + ": the sizes differ");
        }
        try (NDManager tmp = target.getManager().newSubManager()) {
            NDArray s = source.stopGradient();
            s.attach(tmp);
            if (!s.getShape().equals(target.getShape())) {
                s = s.reshape(target.getShape());
                s.attach(tmp);
            }
            if (s.getDataType() != target.getDataType()) {
                s = s.toType(target.getDataType(), false);
                s.attach(tmp);
            }
            boolean grad = target.hasGradient();
            if (grad) {
                target.setRequiresGradient(false);
            }
            try {
                target.set(new NDIndex("..."), s);
            } finally {
                if (grad) {
                    target.setRequiresGradient(true);
                }
            }
        }
    }

    /**
     * Copies float values (row-major) into {@code target}, converting them to its type.
     *
     * @param target the array to overwrite
     * @param values {@code target.size()} values
     * @throws IllegalArgumentException if the count differs
     */
    public static void copy(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(
                    "cannot copy "
                            + values.length
                            + " values into "
                            + target.getShape()
                            + ": the sizes differ");
        }
        try (NDManager tmp = target.getManager().newSubManager()) {
            copy(target, tmp.create(values, target.getShape()));
        }
    }
}
