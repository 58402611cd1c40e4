package org.alphatree.blocks.weights;

import java.util.Locale;

/** Tensor element types found in PyTorch, safetensors and NumPy files. */
public enum DType {
    /** 32-bit float. */
    FLOAT32(4, "FloatStorage", "F32", "<f4"),
    /** 64-bit float. */
    FLOAT64(8, "DoubleStorage", "F64", "<f8"),
    /** IEEE half. */
    FLOAT16(2, "HalfStorage", "F16", "<f2"),
    /** bfloat16. */
    BFLOAT16(2, "BFloat16Storage", "BF16", null),
    /** 64-bit signed integer. */
    INT64(8, "LongStorage", "I64", "<i8"),
    /** 32-bit signed integer. */
    INT32(4, "IntStorage", "I32", "<i4"),
    /** 16-bit signed integer. */
    INT16(2, "ShortStorage", "I16", "<i2"),
    /** 8-bit signed integer. */
    INT8(1, "CharStorage", "I8", "|i1"),
    /** 8-bit unsigned integer. */
    UINT8(1, "ByteStorage", "U8", "|u1"),
    /** Boolean, one byte. */
    BOOL(1, "BoolStorage", "BOOL", "|b1");

    private final int size;
    private final String torchStorage;
    private final String safetensors;
    private final String numpy;

    DType(int size, String torchStorage, String safetensors, String numpy) {
        this.size = size;
        this.torchStorage = torchStorage;
        this.safetensors = safetensors;
        this.numpy = numpy;
    }

    /**
     * Returns the element size in bytes.
     *
     * @return bytes per element
     */
    public int size() {
        return size;
    }

    /**
     * Returns the safetensors dtype code, e.g. {@code F32}.
     *
     * @return the code
     */
    public String safetensorsName() {
        return safetensors;
    }

    /**
     * Returns PyTorch's name, e.g. {@code float32}.
     *
     * @return the name
     */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the NumPy descriptor, or null where NumPy has none (bfloat16).
     *
     * @return the descriptor
     */
    public String numpyDescr() {
        return numpy;
    }

    /**
     * Looks up a {@code torch.*Storage} class name.
     *
     * @param storage e.g. {@code FloatStorage}
     * @return the dtype, or null if unknown
     */
    public static DType ofTorchStorage(String storage) {
        for (DType d : values()) {
            if (d.torchStorage.equals(storage)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Looks up a safetensors dtype code.
     *
     * @param code e.g. {@code F32}
     * @return the dtype, or null if unknown
     */
    public static DType ofSafetensors(String code) {
        for (DType d : values()) {
            if (d.safetensors.equals(code)) {
                return d;
            }
        }
        return null;
    }
}
